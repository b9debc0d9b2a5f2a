//! The search part of the reducer, against a real index built by the core from a tiny archive.

use super::*;
use crate::route::{RegionFilter, SearchRoute, SearchSort};
use crate::text_size::TextSize;
use lianluo_core::archive::build_archive_index;
use lianluo_core::search::{build_index, parse_query, IndexFile, Manifest, Shard};
use lianluo_core::{Article, Block, BlockKind, Issue, Normalization, Region, FORMAT_VERSION};

fn region(prefecture: &str, county: Option<&str>) -> Region {
    Region {
        printed: county.unwrap_or(prefecture).to_owned(),
        prefecture: Some(prefecture.to_owned()),
        county: county.map(str::to_owned),
    }
}

fn issue(id: &str, date: &str, articles: &[(&str, Region, &str)]) -> Issue {
    Issue {
        format_version: FORMAT_VERSION,
        id: id.to_owned(),
        title: "联络动态".into(),
        number: 1,
        serial: None,
        date: date.to_owned(),
        publisher: "委员会".into(),
        editor_note: None,
        articles: articles
            .iter()
            .enumerate()
            .map(|(at, (title, region, text))| Article {
                id: format!("{id}-{}", at + 1),
                region: region.clone(),
                title: (*title).to_owned(),
                blocks: vec![Block {
                    kind: BlockKind::Paragraph,
                    text: (*text).to_owned(),
                }],
            })
            .collect(),
        distribution: Vec::new(),
        editors: Vec::new(),
        phone: None,
        email: None,
        approval: None,
        normalization: Normalization {
            cjk_punctuation: true,
        },
    }
}

/// Newest first: 2018-1 (衡阳市 about 代表工作室; 浏阳市 without it), 2017-15 (湘潭市 about
/// 代表工作室 twice, in the title too).
struct Fixture {
    archive: ArchiveIndex,
    files: Vec<IndexFile>,
}

fn fixture() -> Fixture {
    let newer = issue(
        "2018-1",
        "2018-01-10",
        &[
            ("衡阳经验", region("衡阳市", None), "各乡镇建成代表工作室。"),
            (
                "浏阳做法",
                region("长沙市", Some("浏阳市")),
                "开展换届选举工作。",
            ),
        ],
    );
    let older = issue(
        "2017-15",
        "2017-08-30",
        &[(
            "代表工作室建设",
            region("湘潭市", None),
            "搭建代表工作室共建共用新平台，代表工作室。",
        )],
    );
    let issues = [newer, older];
    let mut archive = build_archive_index(&issues);
    let files = build_index(&archive, &issues);
    archive.search = Some(lianluo_core::search::MANIFEST_PATH.into());
    Fixture { archive, files }
}

impl Fixture {
    fn manifest(&self) -> Manifest {
        let file = self
            .files
            .iter()
            .find(|f| f.path == lianluo_core::search::MANIFEST_PATH)
            .unwrap();
        serde_json::from_slice(&file.bytes).unwrap()
    }

    fn shard(&self, path: &str) -> Shard {
        let file = self.files.iter().find(|f| f.path == path).unwrap();
        Shard::decode(&file.bytes).unwrap()
    }

    /// A reader on `route` with the index, manifest and every shard it asks for delivered.
    fn searched(&self, route: Route) -> State {
        let mut state = State::new(route, TextSize::Standard);
        state.apply(Action::IndexLoaded(Ok(self.archive.clone())));
        state.apply(Action::ManifestRequested);
        state.apply(Action::ManifestLoaded(Ok(self.manifest())));
        for path in state.shards_to_fetch() {
            state.apply(Action::ShardRequested(path.clone()));
            state.apply(Action::ShardLoaded(path.clone(), Ok(self.shard(&path))));
        }
        state
    }
}

fn search(query: &str) -> Route {
    Route::Search(SearchRoute {
        query: query.into(),
        ..SearchRoute::default()
    })
}

fn found_ids(state: &State) -> Vec<String> {
    let page = state
        .search_page()
        .expect("results known")
        .expect("no failure");
    assert_eq!(
        page.total,
        page.listed.len(),
        "the fixture's results fit a page"
    );
    page.listed
        .iter()
        .map(|entry| entry.article.id.clone())
        .collect()
}

#[test]
fn the_manifest_is_fetched_only_for_a_search_with_terms() {
    let archive = fixture().archive;
    let mut state = State::new(Route::Latest, TextSize::Standard);
    state.apply(Action::IndexLoaded(Ok(archive)));
    assert_eq!(state.manifest_to_fetch(), None);
    state.apply(Action::Navigate(search("  ")));
    assert_eq!(
        state.manifest_to_fetch(),
        None,
        "a blank query needs no index"
    );
    state.apply(Action::Navigate(search("代表")));
    assert_eq!(state.manifest_to_fetch(), Some("search/manifest.json"));
    state.apply(Action::ManifestRequested);
    assert_eq!(state.manifest_to_fetch(), None, "requested once");
}

#[test]
fn only_the_shards_the_query_names_are_fetched_and_results_wait_for_them() {
    let fixture = fixture();
    let mut state = State::new(search("代表工作室"), TextSize::Standard);
    state.apply(Action::IndexLoaded(Ok(fixture.archive.clone())));
    state.apply(Action::ManifestLoaded(Ok(fixture.manifest())));
    let wanted = state.shards_to_fetch();
    assert_eq!(
        wanted,
        fixture.manifest().shards_for(&parse_query("代表工作室"))
    );
    assert!(
        state.search_page().is_none(),
        "no results before the shards"
    );
    for path in &wanted {
        state.apply(Action::ShardRequested(path.clone()));
    }
    assert!(state.shards_to_fetch().is_empty());
}

#[test]
fn results_are_exact_and_ranked_with_the_title_hit_first() {
    let state = fixture().searched(search("代表工作室"));
    assert_eq!(found_ids(&state), ["2017-15-1", "2018-1-1"]);
}

#[test]
fn newest_first_orders_by_issue_date() {
    let route = Route::Search(SearchRoute {
        query: "代表工作室".into(),
        region: None,
        sort: SearchSort::Newest,
    });
    assert_eq!(
        found_ids(&fixture().searched(route)),
        ["2018-1-1", "2017-15-1"]
    );
}

#[test]
fn a_region_narrows_results_but_facets_count_them_all() {
    let route = Route::Search(SearchRoute {
        query: "代表工作室".into(),
        region: Some(RegionFilter {
            prefecture: "湘潭市".into(),
            county: None,
        }),
        sort: SearchSort::Relevance,
    });
    let state = fixture().searched(route);
    assert_eq!(found_ids(&state), ["2017-15-1"]);
    let facets: Vec<(String, u32)> = state
        .search_facets()
        .iter()
        .map(|f| (f.prefecture.clone(), f.count))
        .collect();
    assert_eq!(facets, [("湘潭市".to_owned(), 1), ("衡阳市".to_owned(), 1)]);
}

#[test]
fn excluded_terms_and_missing_terms_give_the_exact_set() {
    let fixture = fixture();
    assert_eq!(
        found_ids(&fixture.searched(search("代表工作室 -衡阳"))),
        ["2017-15-1"]
    );
    assert!(found_ids(&fixture.searched(search("表决系统"))).is_empty());
    assert_eq!(found_ids(&fixture.searched(search("换届"))), ["2018-1-2"]);
}

#[test]
fn a_failed_shard_is_reported_and_retry_fetches_it_again() {
    let fixture = fixture();
    let mut state = State::new(search("换届"), TextSize::Standard);
    state.apply(Action::IndexLoaded(Ok(fixture.archive.clone())));
    state.apply(Action::ManifestLoaded(Ok(fixture.manifest())));
    let paths = state.shards_to_fetch();
    let error = LoadError::new(&paths[0], crate::error::LoadErrorKind::Malformed);
    for path in &paths {
        state.apply(Action::ShardLoaded(path.clone(), Err(error.clone())));
    }
    assert_eq!(state.search_page(), Some(Err(error)));
    state.apply(Action::RetrySearch);
    assert_eq!(state.shards_to_fetch(), paths);
    assert!(state.search_page().is_none());
}

#[test]
fn a_manifest_from_another_build_is_refused_by_name() {
    let fixture = fixture();
    let mut other = fixture.archive.clone();
    other.issues.pop();
    let refused = check_manifest(fixture.manifest(), Some(&other), "search/manifest.json");
    let error = refused.expect_err("stale manifest");
    assert_eq!(error.file, "search/manifest.json");
    assert!(check_manifest(fixture.manifest(), Some(&fixture.archive), "m").is_ok());
}

#[test]
fn snippets_are_fetched_only_for_cards_seen_on_screen() {
    let mut state = fixture().searched(search("代表工作室"));
    assert!(state.issues_to_fetch().is_empty(), "nothing seen yet");
    state.apply(Action::ResultsSeen(vec!["2017-15".into()]));
    assert_eq!(state.issues_to_fetch(), ["2017-15".to_owned()]);
}

#[test]
fn a_page_lists_up_to_the_limit_and_counts_every_result() {
    let mut state = fixture().searched(search("代表工作室"));
    state.search_state.limit = 1;
    let page = state.search_page().expect("known").expect("no failure");
    let listed: Vec<&str> = page.listed.iter().map(|e| e.article.id.as_str()).collect();
    assert_eq!(listed, ["2017-15-1"]);
    assert_eq!(page.total, 2);
}

#[test]
fn more_results_grow_the_list_and_a_new_query_starts_over() {
    let mut state = fixture().searched(search("代表工作室"));
    state.apply(Action::ShowMoreResults);
    assert_eq!(state.search_state.limit, 2 * RESULTS_PAGE_SIZE);
    state.apply(Action::Navigate(search("代表")));
    assert_eq!(state.search_state.limit, RESULTS_PAGE_SIZE);
}
