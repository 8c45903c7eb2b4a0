use awso::AwsShape;

#[derive(AwsShape)]
pub enum StringEnum {
    Active,
    #[aws(unknown)]
    Unknown,
}

#[derive(AwsShape)]
pub enum IntEnum {
    #[aws(value = 1)]
    One,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape)]
pub enum Union {
    S(String),
    N(String),
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum Errors {
    #[aws(unknown)]
    Unknown(String),
}

fn main() {}
