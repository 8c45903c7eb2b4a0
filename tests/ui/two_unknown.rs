use awso::AwsShape;

#[derive(AwsShape)]
pub enum Status {
    Active,
    #[aws(unknown)]
    Unknown(String),
    #[aws(unknown)]
    Other(String),
}

fn main() {}
