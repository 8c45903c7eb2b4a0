use awso::AwsShape;

#[derive(AwsShape)]
#[aws(renam_all = "PascalCase")]
pub struct Input {
    #[aws(renam = "Id")]
    pub id: Option<String>,
    #[aws(flatened)]
    pub items: Option<Vec<String>>,
    #[aws(colour = "red")]
    pub name: Option<String>,
    #[aws(items(rename = "Inner", key_name = "K"), key_namespace(prefix = "p"))]
    pub nested: Option<Vec<std::collections::BTreeMap<String, String>>>,
}

fn main() {}
