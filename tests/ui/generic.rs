use awso::AwsShape;

#[derive(AwsShape)]
pub struct Page<T> {
    pub items: Option<Vec<T>>,
}

#[derive(AwsShape)]
pub struct Borrowed<'a> {
    pub name: Option<String>,
    pub marker: std::marker::PhantomData<&'a ()>,
}

fn main() {}
