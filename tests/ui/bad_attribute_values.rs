use awso::{AwsShape, Timestamp};

#[derive(AwsShape)]
#[aws(rename_all = "SCREAMING_SNAKE")]
pub enum Status {
    Active,
}

#[derive(AwsShape)]
pub struct Times {
    #[aws(timestamp_format = "iso8601")]
    pub created: Option<Timestamp>,
    #[aws(timestamp_format = "http_date")]
    pub updated: Option<Timestamp>,
}

#[derive(AwsShape)]
#[aws(error(code = "Oops", status = 999, fault = "nobody", retry = true))]
pub struct Oops {
    pub message: Option<String>,
}

fn main() {}
