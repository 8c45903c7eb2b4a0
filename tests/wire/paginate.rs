//! The sans-IO pagination state (`awso::paginate::PageState`) on its own: page sizes in the
//! limit member's type, items from the primary result key, the item cap, repeated tokens.

use awso::operation::Operation;
use awso::paginate::PageState;
use awso::AwsShape;

awso::service! {
    pub struct Api {
        name: "Api",
        protocol: Protocol::RestJson1,
        api_version: "2018-11-29",
        signing_name: "apigateway",
        endpoint_prefix: "apigateway",
    }
}

/// API Gateway v2's form: `MaxResults` is a string in its model.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListInput {
    #[aws(query = "maxResults")]
    pub max_results: Option<String>,
    #[aws(query = "nextToken")]
    pub next_token: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Version {
    pub id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Marker {
    pub deleted: Option<bool>,
}

/// Two result keys of different shapes, as S3 ListObjectVersions has.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListOutput {
    pub versions: Option<Vec<Version>>,
    pub markers: Option<Vec<Marker>>,
    pub next_token: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum ListError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! {
    pub struct List: Api(ListInput) -> ListOutput, ListError; http("GET" "/items");
}
awso::paginator! {
    List { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxResults", result_key: ["Versions", "Markers"] }
}

/// The same with an integer limit.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListIntInput {
    #[aws(query = "maxResults")]
    pub max_results: Option<i32>,
    #[aws(query = "nextToken")]
    pub next_token: Option<String>,
}
awso::operation! {
    pub struct ListInt: Api(ListIntInput) -> ListOutput, ListError; http("GET" "/int-items");
}
awso::paginator! {
    ListInt { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxResults", result_key: "Versions" }
}

fn page(token: Option<&str>, versions: usize, markers: usize) -> ListOutput {
    ListOutput {
        versions: Some(
            (0..versions)
                .map(|i| Version {
                    id: Some(format!("v{i}")),
                })
                .collect(),
        ),
        markers: Some(vec![
            Marker {
                deleted: Some(true)
            };
            markers
        ]),
        next_token: token.map(str::to_owned),
    }
}

#[test]
fn the_page_size_is_written_in_the_limit_members_type() {
    let mut state = PageState::<List>::new(&ListInput::default()).unwrap();
    state.set_page_size(25).unwrap();
    let input = state.next_input().unwrap().unwrap();
    assert_eq!(input.max_results.as_deref(), Some("25"));
    let request = List::request(&input, "https://example.com").unwrap();
    assert_eq!(request.uri().query(), Some("maxResults=25"));

    let mut state = PageState::<ListInt>::new(&ListIntInput::default()).unwrap();
    state.set_page_size(7).unwrap();
    assert_eq!(state.next_input().unwrap().unwrap().max_results, Some(7));
}

#[test]
fn items_come_from_the_first_result_key_and_the_cap_counts_them() {
    let mut state = PageState::<List>::new(&ListInput::default()).unwrap();
    state.set_max_items(5);
    let first = page(Some("t1"), 3, 4);
    // Markers are another shape: they are not items (read them from the pages).
    let items: Vec<Version> = state.items(&first).unwrap();
    assert_eq!(items.len(), 3);
    state.page(&first).unwrap();
    assert!(!state.is_done(), "3 of 5 items, a token: more to come");
    assert_eq!(
        state.next_input().unwrap().unwrap().next_token.as_deref(),
        Some("t1")
    );
    state.page(&page(Some("t2"), 2, 0)).unwrap();
    assert!(state.is_done(), "5 items: the cap is reached");
}

#[test]
fn a_repeated_token_is_an_error_not_a_loop() {
    let mut state = PageState::<List>::new(&ListInput::default()).unwrap();
    state.page(&page(Some("same"), 1, 0)).unwrap();
    let e = state.page(&page(Some("same"), 1, 0)).unwrap_err();
    assert!(e.to_string().contains("same pagination token twice"), "{e}");
    assert!(state.is_done());
}
