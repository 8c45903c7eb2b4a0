use awso::AwsShape;

#[derive(AwsShape)]
#[aws(flattened)]
pub struct Input {
    #[aws(errors)]
    pub id: Option<String>,
}

#[derive(AwsShape)]
#[aws(errors)]
pub struct NotAnEnum {
    pub id: Option<String>,
}

#[derive(AwsShape)]
#[aws(error(code = "Oops"))]
pub enum NotAStruct {
    A,
}

fn main() {}
