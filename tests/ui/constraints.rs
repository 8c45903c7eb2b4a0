use awso::AwsShape;

#[derive(AwsShape)]
#[aws(length(min = 1))]
pub struct NotANewtype {
    #[aws(length(min = 3, max = 1))]
    pub a: Option<String>,
    #[aws(length(min = 1.5))]
    pub b: Option<String>,
    #[aws(range())]
    pub c: Option<i32>,
    #[aws(range(low = 1))]
    pub d: Option<i32>,
}

fn main() {}
