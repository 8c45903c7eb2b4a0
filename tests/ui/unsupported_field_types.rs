use awso::AwsShape;

#[derive(AwsShape)]
pub struct Input {
    pub count: u32,
}

#[derive(AwsShape)]
pub struct Fields {
    pub count: Option<u32>,
    pub name: &'static str,
    pub pair: (i32, i32),
    pub fixed: [i32; 4],
    pub bytes: Vec<u8>,
    pub letter: char,
    pub nested: Option<Vec<usize>>,
}

fn main() {}
