use awso::AwsShape;
use std::collections::HashMap;

#[derive(AwsShape)]
pub struct Twice {
    #[aws(header = "x-a", query = "a")]
    pub a: Option<String>,
}

#[derive(AwsShape)]
pub struct Payloads {
    #[aws(payload)]
    pub first: Option<String>,
    #[aws(payload)]
    pub second: Option<String>,
    pub loose: Option<String>,
    #[aws(header = "x-ok")]
    pub bound: Option<String>,
}

#[derive(AwsShape)]
pub struct Kinds {
    #[aws(prefix_headers = "x-amz-meta-")]
    pub meta: Option<Vec<String>>,
    #[aws(query_params)]
    pub params: Option<HashMap<String, String>>,
    #[aws(response_code)]
    pub status: Option<i64>,
    #[aws(header = "")]
    pub empty: Option<String>,
}

fn main() {}
