use awso::AwsShape;

#[derive(AwsShape, Debug)]
#[aws(error)]
pub struct RealError {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum OperationError {
    RealError(RealError),
    Throttled,
    Both { a: RealError, b: RealError },
}

fn main() {}
