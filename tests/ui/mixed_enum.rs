use awso::AwsShape;

#[derive(AwsShape)]
pub enum Mixed {
    Unit,
    Wrapped(String),
}

#[derive(AwsShape)]
pub enum Duplicates {
    #[aws(rename = "ACTIVE")]
    Active,
    #[aws(rename = "ACTIVE")]
    Running,
}

#[derive(AwsShape)]
pub struct SameName {
    pub name: Option<String>,
    #[aws(rename = "Name")]
    pub other: Option<String>,
}

fn main() {}
