use awso::AwsShape;

#[derive(AwsShape, Debug)]
pub struct NotAnError {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(error)]
pub struct RealError {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum OperationError {
    RealError(RealError),
    NotAnError(NotAnError),
}

fn main() {}
