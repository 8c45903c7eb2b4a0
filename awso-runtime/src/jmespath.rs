//! The JMESPath subset that AWS models' paginators and waiters use, over the JSON form of a
//! shape (member names as keys, as botocore's parsed responses have them).
//!
//! Supported: identifiers (bare and `"quoted"`), `@`, sub-expressions `a.b`, indexes
//! `a[0]`/`a[-1]`, flattening `a[]`, list projections `a[*]`, filters `a[?cond]`, literals
//! `` `json` `` and raw strings `'text'`, comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`),
//! `&&`, `||`, `!`, parentheses, and the functions `length()` and `contains()`. The semantics
//! follow the JMESPath specification as botocore's `jmespath` implements it: projections
//! drop nulls, ordering comparisons of non-numbers are null, and `false`, `null`, `""`, `[]`
//! and `{}` are false.
//!
//! ```
//! use awso_runtime::jmespath::Expression;
//! let e = Expression::parse("length(Reservations[].Instances[?State.Name == 'running']) > `0`")?;
//! let v = awso_runtime::serde_json::json!({"Reservations": [{"Instances": [{"State": {"Name": "running"}}]}]});
//! assert_eq!(e.search(&v)?, awso_runtime::serde_json::json!(true));
//! # Ok::<(), awso_runtime::Error>(())
//! ```

use crate::Error;
use serde_json::Value as J;
use std::fmt;

/// A parsed expression.
#[derive(Clone, PartialEq)]
pub struct Expression {
    source: String,
    ast: Ast,
}

impl fmt::Debug for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Expression({:?})", self.source)
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Ast {
    Current,
    Field(String),
    Literal(J),
    Subexpr(Box<Ast>, Box<Ast>),
    Index(Box<Ast>, i64),
    /// Evaluate the left side; if it is a list, the right side of each item, nulls dropped.
    Projection(Box<Ast>, Box<Ast>),
    Flatten(Box<Ast>),
    Filter(Box<Ast>, Box<Ast>, Box<Ast>),
    Cmp(Cmp, Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    Function(Function, Vec<Ast>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Function {
    Length,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Quoted(String),
    Literal(J),
    Number(i64),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    At,
    Or,
    And,
    Not,
    Cmp(Cmp),
    Eof,
}

impl Token {
    /// Binding powers as in the JMESPath reference parser.
    fn power(&self) -> u8 {
        match self {
            Token::Or => 2,
            Token::And => 3,
            Token::Cmp(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

/// Below this binding power a token ends a projection's right side.
const PROJECTION_STOP: u8 = 10;

fn error(source: &str, what: impl fmt::Display) -> Error {
    Error::invalid(format!("JMESPath expression {source:?}: {what}"))
}

fn lex(source: &str) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let until = |i: usize, end: char| -> Result<(String, usize), Error> {
        let mut s = String::new();
        let mut j = i + 1;
        while j < chars.len() && chars[j] != end {
            if chars[j] == '\\' && j + 1 < chars.len() {
                // Keep escapes: literals are JSON, quoted identifiers JSON strings.
                s.push(chars[j]);
                j += 1;
            }
            s.push(chars[j]);
            j += 1;
        }
        if j >= chars.len() {
            return Err(error(source, format!("unclosed {end}")));
        }
        Ok((s, j + 1))
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (token, len) = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push(Token::Ident(chars[start..i].iter().collect()));
                continue;
            }
            '0'..='9' | '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let n = text
                    .parse()
                    .map_err(|_| error(source, format!("bad number {text:?}")))?;
                out.push(Token::Number(n));
                continue;
            }
            '"' => {
                let (s, end) = until(i, '"')?;
                let name: String = serde_json::from_str(&format!("\"{s}\""))
                    .map_err(|e| error(source, format!("bad quoted identifier: {e}")))?;
                out.push(Token::Quoted(name));
                i = end;
                continue;
            }
            '\'' => {
                let (s, end) = until(i, '\'')?;
                out.push(Token::Literal(J::String(s.replace("\\'", "'"))));
                i = end;
                continue;
            }
            '`' => {
                let (s, end) = until(i, '`')?;
                let s = s.replace("\\`", "`");
                let v = serde_json::from_str(s.trim())
                    .map_err(|e| error(source, format!("bad literal `{s}`: {e}")))?;
                out.push(Token::Literal(v));
                i = end;
                continue;
            }
            '.' => (Token::Dot, 1),
            '*' => (Token::Star, 1),
            '@' => (Token::At, 1),
            ',' => (Token::Comma, 1),
            '(' => (Token::LParen, 1),
            ')' => (Token::RParen, 1),
            ']' => (Token::RBracket, 1),
            '[' => match next {
                Some(']') => (Token::Flatten, 2),
                Some('?') => (Token::Filter, 2),
                _ => (Token::LBracket, 1),
            },
            '|' if next == Some('|') => (Token::Or, 2),
            '&' if next == Some('&') => (Token::And, 2),
            '=' if next == Some('=') => (Token::Cmp(Cmp::Eq), 2),
            '!' if next == Some('=') => (Token::Cmp(Cmp::Ne), 2),
            '!' => (Token::Not, 1),
            '<' if next == Some('=') => (Token::Cmp(Cmp::Le), 2),
            '<' => (Token::Cmp(Cmp::Lt), 1),
            '>' if next == Some('=') => (Token::Cmp(Cmp::Ge), 2),
            '>' => (Token::Cmp(Cmp::Gt), 1),
            _ => {
                return Err(error(
                    source,
                    format!("{c:?} is not part of the supported JMESPath subset"),
                ))
            }
        };
        out.push(token);
        i += len;
    }
    out.push(Token::Eof);
    Ok(out)
}

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        &self.tokens[self.at]
    }

    fn next(&mut self) -> Token {
        let t = self.tokens[self.at].clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        t
    }

    fn expect(&mut self, token: Token) -> Result<(), Error> {
        let got = self.next();
        if got == token {
            Ok(())
        } else {
            Err(self.unexpected(&got, &format!("{token:?}")))
        }
    }

    fn unexpected(&self, got: &Token, wanted: &str) -> Error {
        error(
            self.source,
            format!("unexpected {got:?} (expected {wanted})"),
        )
    }

    fn expression(&mut self, power: u8) -> Result<Ast, Error> {
        let token = self.next();
        let mut left = self.nud(token)?;
        while power < self.peek().power() {
            let token = self.next();
            left = self.led(token, left)?;
        }
        Ok(left)
    }

    fn nud(&mut self, token: Token) -> Result<Ast, Error> {
        Ok(match token {
            Token::Ident(name) | Token::Quoted(name) => Ast::Field(name),
            Token::Literal(v) => Ast::Literal(v),
            Token::At => Ast::Current,
            Token::Not => Ast::Not(Box::new(self.expression(Token::Not.power())?)),
            Token::LParen => {
                let e = self.expression(0)?;
                self.expect(Token::RParen)?;
                e
            }
            Token::Flatten => {
                let left = Ast::Flatten(Box::new(Ast::Current));
                let right = self.projection_rhs(Token::Flatten.power())?;
                Ast::Projection(Box::new(left), Box::new(right))
            }
            Token::Filter => self.filter(Ast::Current)?,
            Token::LBracket => self.bracket(Ast::Current)?,
            other => return Err(self.unexpected(&other, "an expression")),
        })
    }

    fn led(&mut self, token: Token, left: Ast) -> Result<Ast, Error> {
        let power = token.power();
        Ok(match token {
            Token::Dot => {
                let right = self.dot_rhs(power)?;
                Ast::Subexpr(Box::new(left), Box::new(right))
            }
            Token::Flatten => {
                let right = self.projection_rhs(power)?;
                Ast::Projection(Box::new(Ast::Flatten(Box::new(left))), Box::new(right))
            }
            Token::Filter => self.filter(left)?,
            Token::LBracket => self.bracket(left)?,
            Token::Or => Ast::Or(Box::new(left), Box::new(self.expression(power)?)),
            Token::And => Ast::And(Box::new(left), Box::new(self.expression(power)?)),
            Token::Cmp(op) => Ast::Cmp(op, Box::new(left), Box::new(self.expression(power)?)),
            Token::LParen => {
                let function = match &left {
                    Ast::Field(name) if name == "length" => Function::Length,
                    Ast::Field(name) if name == "contains" => Function::Contains,
                    _ => {
                        return Err(error(
                            self.source,
                            format!(
                                "unsupported function {left:?} (the subset has length and contains)"
                            ),
                        ))
                    }
                };
                let mut args = Vec::new();
                while *self.peek() != Token::RParen {
                    args.push(self.expression(0)?);
                    if *self.peek() == Token::Comma {
                        self.next();
                    }
                }
                self.next();
                let arity = match function {
                    Function::Length => 1,
                    Function::Contains => 2,
                };
                if args.len() != arity {
                    return Err(error(
                        self.source,
                        format!("{function:?} takes {arity} argument(s), not {}", args.len()),
                    ));
                }
                Ast::Function(function, args)
            }
            other => return Err(self.unexpected(&other, "an operator")),
        })
    }

    /// After `[` (not `[]`, `[?`): an index or `[*]`.
    fn bracket(&mut self, left: Ast) -> Result<Ast, Error> {
        match self.next() {
            Token::Number(n) => {
                self.expect(Token::RBracket)?;
                Ok(Ast::Index(Box::new(left), n))
            }
            Token::Star => {
                self.expect(Token::RBracket)?;
                let right = self.projection_rhs(Token::Star.power())?;
                Ok(Ast::Projection(Box::new(left), Box::new(right)))
            }
            other => Err(self.unexpected(
                &other,
                "an index or `*` (slices and multi-selects are not in the subset)",
            )),
        }
    }

    fn filter(&mut self, left: Ast) -> Result<Ast, Error> {
        let condition = self.expression(0)?;
        self.expect(Token::RBracket)?;
        let right = if *self.peek() == Token::Flatten {
            Ast::Current
        } else {
            self.projection_rhs(Token::Filter.power())?
        };
        Ok(Ast::Filter(
            Box::new(left),
            Box::new(condition),
            Box::new(right),
        ))
    }

    fn projection_rhs(&mut self, power: u8) -> Result<Ast, Error> {
        let next = self.peek().clone();
        if next.power() < PROJECTION_STOP {
            return Ok(Ast::Current);
        }
        match next {
            Token::LBracket | Token::Filter | Token::Flatten => self.expression(power),
            Token::Dot => {
                self.next();
                self.dot_rhs(power)
            }
            other => Err(self.unexpected(&other, "`.`, `[` or the end of the projection")),
        }
    }

    fn dot_rhs(&mut self, power: u8) -> Result<Ast, Error> {
        match self.peek() {
            Token::Ident(_) | Token::Quoted(_) => self.expression(power),
            other => Err(self.unexpected(
                &other.clone(),
                "a member name after `.` (`.*` and multi-selects are not in the subset)",
            )),
        }
    }
}

impl Expression {
    /// Parses `source`; an error says what is wrong or outside the subset.
    pub fn parse(source: &str) -> Result<Expression, Error> {
        let mut parser = Parser {
            source,
            tokens: lex(source)?,
            at: 0,
        };
        let ast = parser.expression(0)?;
        if *parser.peek() != Token::Eof {
            let rest = parser.peek().clone();
            return Err(parser.unexpected(&rest, "the end"));
        }
        Ok(Expression {
            source: source.to_owned(),
            ast,
        })
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Evaluates the expression on `value`; an error for a function given the wrong types.
    pub fn search(&self, value: &J) -> Result<J, Error> {
        eval(&self.ast, value).map_err(|what| error(&self.source, what))
    }

    /// The member names the expression reads from the value it is applied to (its top
    /// level): `Table` of `Table.TableStatus`, `Reservations` of
    /// `length(Reservations[]) > `0``. For checking expressions against a shape.
    pub fn root_members(&self) -> Vec<&str> {
        let mut out = Vec::new();
        roots(&self.ast, &mut out);
        out
    }

    /// Every chain of member names the expression reads, from the value it is applied to:
    /// `["Reservations", "Instances", "State", "Name"]` (with its shorter prefixes) of
    /// `Reservations[].Instances[].State.Name`; a filter's condition reads from the items it
    /// filters. Lists (`[]`, `[*]`, `[0]`) are gone through, so each chain is a path of
    /// member names (or map keys) for checking an expression against a shape.
    pub fn member_paths(&self) -> Vec<Vec<&str>> {
        let mut out = Vec::new();
        paths(&self.ast, &[], &mut out);
        out
    }
}

/// Pushes the member paths `ast` reads from a value at `at` onto `out`; returns the path of
/// the value it gives, when that value is part of the document (not computed).
fn paths<'a>(ast: &'a Ast, at: &[&'a str], out: &mut Vec<Vec<&'a str>>) -> Option<Vec<&'a str>> {
    match ast {
        Ast::Current => Some(at.to_vec()),
        Ast::Field(name) => {
            let mut path = at.to_vec();
            path.push(name);
            if !out.contains(&path) {
                out.push(path.clone());
            }
            Some(path)
        }
        Ast::Literal(_) => None,
        Ast::Subexpr(l, r) | Ast::Projection(l, r) => {
            let left = paths(l, at, out)?;
            paths(r, &left, out)
        }
        Ast::Index(l, _) | Ast::Flatten(l) => paths(l, at, out),
        Ast::Filter(l, condition, r) => {
            let left = paths(l, at, out)?;
            paths(condition, &left, out);
            paths(r, &left, out)
        }
        Ast::Cmp(_, l, r) | Ast::Or(l, r) | Ast::And(l, r) => {
            paths(l, at, out);
            paths(r, at, out);
            None
        }
        Ast::Not(e) => {
            paths(e, at, out);
            None
        }
        Ast::Function(_, args) => {
            for a in args {
                paths(a, at, out);
            }
            None
        }
    }
}

fn roots<'a>(ast: &'a Ast, out: &mut Vec<&'a str>) {
    match ast {
        Ast::Field(name) => out.push(name),
        Ast::Subexpr(l, _) | Ast::Index(l, _) | Ast::Projection(l, _) | Ast::Flatten(l) => {
            roots(l, out)
        }
        Ast::Filter(l, _, _) => roots(l, out),
        Ast::Cmp(_, l, r) | Ast::Or(l, r) | Ast::And(l, r) => {
            roots(l, out);
            roots(r, out)
        }
        Ast::Not(e) => roots(e, out),
        Ast::Function(_, args) => args.iter().for_each(|a| roots(a, out)),
        Ast::Current | Ast::Literal(_) => {}
    }
}

/// JMESPath truthiness: `false`, `null`, `""`, `[]` and `{}` are false.
pub fn is_truthy(v: &J) -> bool {
    match v {
        J::Null => false,
        J::Bool(b) => *b,
        J::String(s) => !s.is_empty(),
        J::Array(a) => !a.is_empty(),
        J::Object(o) => !o.is_empty(),
        J::Number(_) => true,
    }
}

/// Equality as JMESPath has it: numbers by value (`1 == 1.0`), the rest structurally.
pub fn json_equal(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

fn eval(ast: &Ast, v: &J) -> Result<J, String> {
    Ok(match ast {
        Ast::Current => v.clone(),
        Ast::Field(name) => v.get(name.as_str()).cloned().unwrap_or(J::Null),
        Ast::Literal(l) => l.clone(),
        Ast::Subexpr(l, r) => eval(r, &eval(l, v)?)?,
        Ast::Index(l, i) => match eval(l, v)? {
            J::Array(a) => {
                let i = if *i < 0 { a.len() as i64 + i } else { *i };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| a.get(i).cloned())
                    .unwrap_or(J::Null)
            }
            _ => J::Null,
        },
        Ast::Projection(l, r) => match eval(l, v)? {
            J::Array(a) => {
                let mut out = Vec::new();
                for item in &a {
                    let x = eval(r, item)?;
                    if !x.is_null() {
                        out.push(x);
                    }
                }
                J::Array(out)
            }
            _ => J::Null,
        },
        Ast::Flatten(e) => match eval(e, v)? {
            J::Array(a) => {
                let mut out = Vec::new();
                for item in a {
                    match item {
                        J::Array(inner) => out.extend(inner),
                        other => out.push(other),
                    }
                }
                J::Array(out)
            }
            _ => J::Null,
        },
        Ast::Filter(l, cond, r) => match eval(l, v)? {
            J::Array(a) => {
                let mut out = Vec::new();
                for item in &a {
                    if is_truthy(&eval(cond, item)?) {
                        let x = eval(r, item)?;
                        if !x.is_null() {
                            out.push(x);
                        }
                    }
                }
                J::Array(out)
            }
            _ => J::Null,
        },
        Ast::Cmp(op, l, r) => {
            let (a, b) = (eval(l, v)?, eval(r, v)?);
            match op {
                Cmp::Eq => J::Bool(json_equal(&a, &b)),
                Cmp::Ne => J::Bool(!json_equal(&a, &b)),
                _ => match (a.as_f64(), b.as_f64()) {
                    (Some(x), Some(y)) => J::Bool(match op {
                        Cmp::Lt => x < y,
                        Cmp::Le => x <= y,
                        Cmp::Gt => x > y,
                        _ => x >= y,
                    }),
                    _ => J::Null,
                },
            }
        }
        Ast::Or(l, r) => {
            let a = eval(l, v)?;
            if is_truthy(&a) {
                a
            } else {
                eval(r, v)?
            }
        }
        Ast::And(l, r) => {
            let a = eval(l, v)?;
            if is_truthy(&a) {
                eval(r, v)?
            } else {
                a
            }
        }
        Ast::Not(e) => J::Bool(!is_truthy(&eval(e, v)?)),
        Ast::Function(f, args) => {
            let args = args
                .iter()
                .map(|a| eval(a, v))
                .collect::<Result<Vec<_>, _>>()?;
            match (f, &args[..]) {
                (Function::Length, [J::String(s)]) => J::from(s.chars().count()),
                (Function::Length, [J::Array(a)]) => J::from(a.len()),
                (Function::Length, [J::Object(o)]) => J::from(o.len()),
                (Function::Contains, [J::Array(a), x]) => {
                    J::Bool(a.iter().any(|i| json_equal(i, x)))
                }
                (Function::Contains, [J::String(s), J::String(x)]) => J::Bool(s.contains(x)),
                (f, args) => {
                    return Err(format!(
                        "{} of {} has no value (wrong argument types)",
                        match f {
                            Function::Length => "length",
                            Function::Contains => "contains",
                        },
                        J::Array(args.to_vec())
                    ))
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn search(e: &str, v: J) -> J {
        Expression::parse(e).unwrap().search(&v).unwrap()
    }

    #[test]
    fn member_paths_flattening_and_indexes() {
        let v = json!({"A": [{"B": [{"C": 1}, {"C": 2}]}, {"B": [{"C": 3}]}, {"X": 1}]});
        assert_eq!(search("A[].B[].C", v.clone()), json!([1, 2, 3]));
        assert_eq!(search("A[].B[-1].C", v.clone()), json!([2, 3]));
        assert_eq!(search("A[*].B", v.clone()).as_array().unwrap().len(), 2);
        assert_eq!(search("A[0].B[1].C", v.clone()), json!(2));
        assert_eq!(search("Missing.B", v), J::Null);
    }

    #[test]
    fn filters_comparisons_and_logic() {
        let v = json!({"L": [{"S": "ok"}, {"S": "bad"}, {"S": "ok"}], "T": true});
        assert_eq!(
            search("length(L[?S == 'ok']) == `2`", v.clone()),
            json!(true)
        );
        assert_eq!(search("L[?S != 'ok'].S", v.clone()), json!(["bad"]));
        assert_eq!(search("contains(L[].S, 'bad')", v.clone()), json!(true));
        assert_eq!(search("!T || `false`", v.clone()), json!(false));
        assert_eq!(search("Nope || L[0].S", v.clone()), json!("ok"));
        assert_eq!(search("T && 'x'", v.clone()), json!("x"));
        assert_eq!(search("L[0].S < `1`", v), J::Null);
        assert_eq!(search("`1` == `1.0`", J::Null), json!(true));
    }

    #[test]
    fn member_paths_go_through_lists_filters_and_functions() {
        let paths = |e: &str| -> Vec<String> {
            Expression::parse(e)
                .unwrap()
                .member_paths()
                .iter()
                .map(|p| p.join("."))
                .collect()
        };
        assert_eq!(
            paths("Reservations[].Instances[].State.Name"),
            [
                "Reservations",
                "Reservations.Instances",
                "Reservations.Instances.State",
                "Reservations.Instances.State.Name"
            ]
        );
        assert_eq!(
            paths("length(A[?B.C == 'x'].D[0]) > `0` && !E"),
            ["A", "A.B", "A.B.C", "A.D", "E"]
        );
        assert_eq!(
            paths("NextMarker || Contents[-1].Key"),
            ["NextMarker", "Contents", "Contents.Key"]
        );
        assert_eq!(paths("A[*]"), ["A"]);
        assert!(paths("`1`").is_empty());
    }

    #[test]
    fn outside_the_subset_is_a_clear_parse_error() {
        let e = Expression::parse("A[1:2]").unwrap_err().to_string();
        assert!(e.contains("A[1:2]") && e.contains("subset"), "{e}");
        let e = Expression::parse("sort(A)").unwrap_err().to_string();
        assert!(e.contains("unsupported function"), "{e}");
        let e = Expression::parse("length(A)")
            .unwrap()
            .search(&json!({"A": 1}))
            .unwrap_err()
            .to_string();
        assert!(e.contains("wrong argument types"), "{e}");
    }
}
