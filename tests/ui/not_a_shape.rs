use awso::AwsShape;

pub struct Plain {
    pub id: String,
}

#[derive(AwsShape)]
pub struct Input {
    pub plain: Option<Plain>,
}

fn main() {}
