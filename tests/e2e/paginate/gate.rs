//! A loopback gate in front of moto that pages SQS `ListQueues` and IAM `ListUsers` as AWS
//! documents them. moto 5.2.1 answers both in one page whatever `MaxResults` / `MaxItems`
//! say (IAM with `IsTruncated` false), so a paginator cannot be seen going over pages there.
//!
//! Every request goes to moto unchanged (moto verifies its signature and answers with every
//! queue or user); the gate then answers the page the request asks for, with the fields AWS
//! pages with:
//! - SQS `ListQueues` (awsJson1_0): `QueueUrls` holds at most `MaxResults` URLs and
//!   `NextToken` is set while more remain; without `MaxResults` the answer is whole and has
//!   no `NextToken` (as the SQS reference says).
//! - IAM `ListUsers` (awsQuery): `Users` holds at most `MaxItems` users (100 unless given);
//!   `IsTruncated` is `true` and `Marker` set while more remain.
//!
//! Tokens are opaque strings of the gate's; it records the token each request brought, so a
//! test can check that the paginator sent back what it was given. Any other request passes
//! through untouched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A paged request the gate answered: the operation and the token it brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged {
    /// `ListQueues` or `ListUsers`.
    pub operation: &'static str,
    /// `NextToken` / `Marker` of the request.
    pub token: Option<String>,
    /// The page size asked for.
    pub size: Option<usize>,
}

/// The gate: its URL, and the paged requests so far.
pub struct Gate {
    pub url: String,
    pub paged: Arc<Mutex<Vec<Paged>>>,
}

impl Gate {
    /// Listens on a free loopback port and passes requests on to moto at `upstream`.
    pub fn start(upstream: &str) -> Gate {
        let upstream = upstream
            .strip_prefix("http://")
            .expect("moto over plain HTTP")
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let paged = Arc::new(Mutex::new(Vec::new()));
        let record = paged.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (upstream, record) = (upstream.clone(), record.clone());
                std::thread::spawn(move || {
                    // A client that gave up mid-request is not the test's failure; a moto
                    // answer the gate cannot page fails the test through the page it lacks.
                    let _ = serve(stream, &upstream, &record);
                });
            }
        });
        Gate { url, paged }
    }

    /// The paged requests so far.
    pub fn paged(&self) -> Vec<Paged> {
        self.paged.lock().unwrap().clone()
    }
}

/// The operations the gate pages.
enum Paging {
    SqsListQueues,
    IamListUsers,
}

fn serve(client: TcpStream, upstream: &str, record: &Mutex<Vec<Paged>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = Vec::new();
    let mut content_length = 0;
    let mut target = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some((name, value)) = lower.split_once(':') {
            match name {
                "content-length" => content_length = value.trim().parse().unwrap_or(0),
                "x-amz-target" => target = value.trim().to_owned(),
                // One request per connection: the gate closes after each response.
                "connection" => continue,
                _ => {}
            }
        }
        head.extend_from_slice(line.as_bytes());
    }
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body)?;
    let form = form_pairs(&body);
    let paging = if target == "amazonsqs.listqueues" {
        Some(Paging::SqsListQueues)
    } else if form.iter().any(|(k, v)| k == "Action" && v == "ListUsers") {
        Some(Paging::IamListUsers)
    } else {
        None
    };

    let mut moto = TcpStream::connect(upstream)?;
    moto.write_all(&head)?;
    moto.write_all(b"Connection: close\r\n\r\n")?;
    moto.write_all(&body)?;
    let mut response = Vec::new();
    moto.read_to_end(&mut response)?;

    let mut client = client;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("moto's response head");
    let (response_head, response_body) = (&response[..split], &response[split + 4..]);
    let response_head = String::from_utf8_lossy(response_head).into_owned();
    let ok = response_head.starts_with("HTTP/1.1 200") || response_head.starts_with("HTTP/1.0 200");
    let paged_body = match paging {
        Some(paging) if ok => {
            assert!(
                !response_head
                    .to_ascii_lowercase()
                    .contains("transfer-encoding: chunked"),
                "moto answered in chunks: {response_head}"
            );
            let text = String::from_utf8_lossy(response_body);
            Some(match paging {
                Paging::SqsListQueues => page_queues(&body, &text, record),
                Paging::IamListUsers => page_users(&form, &text, record),
            })
        }
        _ => None,
    };
    let Some(paged_body) = paged_body else {
        // The answer goes back as it came, marked as the connection's last.
        client.write_all(response_head.as_bytes())?;
        client.write_all(b"\r\nConnection: close\r\n\r\n")?;
        client.write_all(response_body)?;
        return client.flush();
    };
    for line in response_head.split("\r\n") {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("content-length:") || lower.starts_with("connection:") {
            continue;
        }
        write!(client, "{line}\r\n")?;
    }
    write!(
        client,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        paged_body.len()
    )?;
    client.write_all(paged_body.as_bytes())?;
    client.flush()
}

/// The page of `items` after `token` (the gate's own tokens: the offset it stopped at), and
/// the token of the next page if more remain.
fn page<T: Clone>(items: &[T], token: Option<&str>, size: usize) -> (Vec<T>, Option<String>) {
    let start = token
        .and_then(|t| t.strip_prefix("gate-after-"))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0)
        .min(items.len());
    let end = (start + size).min(items.len());
    let next = (end < items.len()).then(|| format!("gate-after-{end}"));
    (items[start..end].to_vec(), next)
}

/// SQS `ListQueues` over awsJson1_0: `MaxResults` and `NextToken` in, `QueueUrls` and
/// `NextToken` out.
fn page_queues(request: &[u8], answer: &str, record: &Mutex<Vec<Paged>>) -> String {
    let request: serde_json::Value = serde_json::from_slice(request).expect("a JSON request");
    let size = request["MaxResults"].as_u64().map(|n| n as usize);
    let token = request["NextToken"].as_str().map(str::to_owned);
    record.lock().unwrap().push(Paged {
        operation: "ListQueues",
        token: token.clone(),
        size,
    });
    let mut answer: serde_json::Value = serde_json::from_str(answer).expect("moto's JSON");
    // Without MaxResults SQS answers in one page (up to 1,000 URLs), with no NextToken.
    let Some(size) = size else {
        return answer.to_string();
    };
    let urls = answer["QueueUrls"].as_array().cloned().unwrap_or_default();
    let (urls, next) = page(&urls, token.as_deref(), size);
    let object = answer.as_object_mut().expect("a JSON object");
    object.insert("QueueUrls".into(), urls.into());
    if let Some(next) = next {
        object.insert("NextToken".into(), next.into());
    }
    answer.to_string()
}

/// IAM `ListUsers` over awsQuery: `MaxItems` and `Marker` in; `Users`, `IsTruncated` and
/// `Marker` out.
fn page_users(form: &[(String, String)], answer: &str, record: &Mutex<Vec<Paged>>) -> String {
    let get = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let size = get("MaxItems").and_then(|n| n.parse::<usize>().ok());
    let token = get("Marker");
    record.lock().unwrap().push(Paged {
        operation: "ListUsers",
        token: token.clone(),
        size,
    });
    let (open, close) = ("<Users>", "</Users>");
    let (Some(start), Some(end)) = (answer.find(open), answer.find(close)) else {
        return answer.to_owned();
    };
    let start = start + open.len();
    let users = members(&answer[start..end]);
    let (users, next) = page(&users, token.as_deref(), size.unwrap_or(100));
    let truncated = "<IsTruncated>false</IsTruncated>";
    assert!(
        answer.contains(truncated),
        "moto's ListUsers answer: {answer}"
    );
    let more = match &next {
        Some(marker) => format!("<IsTruncated>true</IsTruncated><Marker>{marker}</Marker>"),
        None => truncated.to_owned(),
    };
    format!("{}{}{}", &answer[..start], users.concat(), &answer[end..]).replace(truncated, &more)
}

/// The `<member>…</member>` elements directly inside `xml`.
fn members(xml: &str) -> Vec<&str> {
    let (open, close) = ("<member>", "</member>");
    let mut out = Vec::new();
    let (mut depth, mut start, mut at) = (0, 0, 0);
    while at < xml.len() {
        if xml[at..].starts_with(open) {
            if depth == 0 {
                start = at;
            }
            depth += 1;
            at += open.len();
        } else if xml[at..].starts_with(close) {
            depth -= 1;
            at += close.len();
            if depth == 0 {
                out.push(&xml[start..at]);
            }
        } else {
            at += xml[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// The pairs of an `application/x-www-form-urlencoded` body, decoded.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'%', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}
