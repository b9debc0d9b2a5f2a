//! The search part of the reducer, against a real index built by the core from a tiny archive,
//! with either engine: the linked one natively, the search module's in a browser (see
//! [`crate::search_index::SearchEngine`]).

use super::tests::{issues_to_fetch, listed_ids};
use super::*;
use crate::route::{RegionFilter, SearchRoute, SearchSort};
use crate::search_index::{SearchIndex, ShardFile};
use crate::text_size::TextSize;
use lianluo_core::archive::build_archive_index;
use lianluo_core::search::{build_index, parse_query, IndexFile, Manifest};
use lianluo_core::test_support::{article, bare_issue, paragraph};
use lianluo_core::{Issue, Region};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

// In the shipped build's tests the engine is the search module's, which runs in a browser.
wasm_bindgen_test_configure!(run_in_browser);

fn region(prefecture: &str, county: Option<&str>) -> Region {
    Region {
        printed: county.unwrap_or(prefecture).to_owned(),
        prefecture: Some(prefecture.to_owned()),
        county: county.map(str::to_owned),
    }
}

fn issue(id: &str, date: &str, articles: &[(&str, Region, &str)]) -> Issue {
    let articles = articles
        .iter()
        .enumerate()
        .map(|(at, (title, region, text))| {
            let id = format!("{id}-{}", at + 1);
            article(&id, title, region.clone(), vec![paragraph(text)])
        })
        .collect();
    bare_issue(id, date, articles)
}

/// Newest first: 2018-1 (衡阳市 about 代表工作室; 浏阳市 without it), 2017-15 (湘潭市 about
/// 代表工作室 twice, in the title too).
#[derive(Clone)]
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
    fixture_of(&[newer, older])
}

/// `issues` with their archive index and search index.
fn fixture_of(issues: &[Issue]) -> Fixture {
    let mut archive = build_archive_index(issues);
    let files = build_index(&archive, issues);
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

    fn shard(&self, path: &str) -> ShardFile {
        let file = self.files.iter().find(|f| f.path == path).unwrap();
        ShardFile::from_bytes(path, &file.bytes).unwrap()
    }

    /// A reader on `route` with the index delivered.
    fn indexed(&self, route: Route) -> State {
        let mut state = State::new(route, TextSize::Standard);
        let index = File::index(Rc::new(self.archive.clone()));
        state.apply(Action::FileArrived(FileKey::Index, Ok(index)));
        state
    }

    fn deliver_manifest(&self, state: &mut State) {
        let manifest = File::Manifest(Rc::new(SearchIndex::for_tests(&self.manifest())));
        state.apply(Action::FileArrived(FileKey::Manifest, Ok(manifest)));
    }

    /// A reader on `route` with the index, manifest and every shard it asks for delivered.
    fn searched(&self, route: Route) -> State {
        let mut state = self.indexed(route);
        self.deliver_manifest(&mut state);
        for path in shards_to_fetch(&state) {
            let shard = File::Shard(Rc::new(self.shard(&path)));
            state.apply(Action::FileArrived(FileKey::Shard(path), Ok(shard)));
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

fn shards_to_fetch(state: &State) -> Vec<String> {
    let keys = state.files_to_fetch().into_iter();
    keys.filter_map(|key| match key {
        FileKey::Shard(path) => Some(path),
        _ => None,
    })
    .collect()
}

fn manifest_wanted(state: &State) -> bool {
    state.files_to_fetch().contains(&FileKey::Manifest)
}

fn found_ids(state: &State) -> Vec<String> {
    let (ids, total) = listed_ids(state);
    assert_eq!(total, ids.len(), "the fixture's results fit a page");
    ids
}

#[wasm_bindgen_test(unsupported = test)]
fn the_manifest_is_fetched_only_for_a_search_with_terms() {
    let mut state = fixture().indexed(Route::Latest);
    assert!(!manifest_wanted(&state));
    state.apply(Action::Navigate(search("  ")));
    assert!(!manifest_wanted(&state), "a blank query needs no index");
    state.apply(Action::Navigate(search("代表")));
    assert!(manifest_wanted(&state));
    assert_eq!(
        state.file_path(&FileKey::Manifest),
        Some("search/manifest.json")
    );
    state.apply(Action::FilesRequested(vec![FileKey::Manifest]));
    assert!(!manifest_wanted(&state), "requested once");
}

#[wasm_bindgen_test(unsupported = test)]
fn turning_to_the_search_box_fetches_the_manifest_and_works_out_the_documents_before_a_query() {
    let fixture = fixture();
    let mut state = fixture.indexed(Route::Latest);
    assert!(state.search.documents.is_none());
    state.apply(Action::SearchFocused);
    assert!(manifest_wanted(&state));
    assert!(
        shards_to_fetch(&state).is_empty(),
        "no query names a shard yet"
    );
    let documents = state.search.documents.clone().expect("worked out on focus");
    assert_eq!(documents.facts.len(), 3, "one per article of the fixture");

    fixture.deliver_manifest(&mut state);
    state.apply(Action::Navigate(search("代表工作室")));
    assert!(!shards_to_fetch(&state).is_empty());
    for path in shards_to_fetch(&state) {
        let shard = File::Shard(Rc::new(fixture.shard(&path)));
        state.apply(Action::FileArrived(FileKey::Shard(path), Ok(shard)));
    }
    assert_eq!(found_ids(&state), ["2017-15-1", "2018-1-1"]);
    let used = state.search.documents.clone().expect("still there");
    assert!(
        Rc::ptr_eq(&documents, &used),
        "the query used them, not a new copy"
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn only_the_shards_the_query_names_are_fetched_and_results_wait_for_them() {
    let fixture = fixture();
    let mut state = fixture.indexed(search("代表工作室"));
    fixture.deliver_manifest(&mut state);
    let wanted = shards_to_fetch(&state);
    assert_eq!(
        wanted,
        fixture.manifest().shards_for(&parse_query("代表工作室"))
    );
    // Shards the index has (that a query names a few of many is the core's test).
    let every = fixture.manifest().shard_paths();
    assert!(!wanted.is_empty(), "{wanted:?}");
    assert!(wanted.iter().all(|path| every.contains(path)), "{wanted:?}");
    assert!(state.page().is_none(), "no results before the shards");
    let keys = wanted.iter().cloned().map(FileKey::Shard).collect();
    state.apply(Action::FilesRequested(keys));
    assert!(shards_to_fetch(&state).is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn results_are_exact_and_ranked_with_the_title_hit_first() {
    let state = fixture().searched(search("代表工作室"));
    assert_eq!(found_ids(&state), ["2017-15-1", "2018-1-1"]);
}

#[wasm_bindgen_test(unsupported = test)]
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

#[wasm_bindgen_test(unsupported = test)]
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
        .search
        .facets()
        .iter()
        .map(|f| (f.prefecture.clone(), f.count))
        .collect();
    assert_eq!(facets, [("湘潭市".to_owned(), 1), ("衡阳市".to_owned(), 1)]);
}

#[wasm_bindgen_test(unsupported = test)]
fn excluded_terms_and_missing_terms_give_the_exact_set() {
    let fixture = fixture();
    assert_eq!(
        found_ids(&fixture.searched(search("代表工作室 -衡阳"))),
        ["2017-15-1"]
    );
    assert!(found_ids(&fixture.searched(search("表决系统"))).is_empty());
    assert_eq!(found_ids(&fixture.searched(search("换届"))), ["2018-1-2"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_failed_shard_is_reported_and_retry_fetches_it_again() {
    let fixture = fixture();
    let mut state = fixture.indexed(search("换届"));
    fixture.deliver_manifest(&mut state);
    let paths = shards_to_fetch(&state);
    let error = LoadError::new(&paths[0], crate::error::LoadErrorKind::Malformed);
    for path in &paths {
        let key = FileKey::Shard(path.clone());
        state.apply(Action::FileArrived(key, Err(error.clone())));
    }
    assert_eq!(state.page(), Some(&Err(error)));
    state.apply(Action::RetryFailed);
    assert_eq!(shards_to_fetch(&state), paths);
    assert!(state.page().is_none());
}

/// The one difference between the engines (see `SearchEngine`): when a damaged shard is found.
#[wasm_bindgen_test(unsupported = test)]
fn a_damaged_shard_fails_the_search_with_its_address_in_either_engine() {
    let fixture = fixture();
    let mut state = fixture.indexed(search("换届"));
    fixture.deliver_manifest(&mut state);
    let paths = shards_to_fetch(&state);
    let damaged = paths[0].clone();
    for path in &paths {
        let file = fixture.files.iter().find(|f| f.path == *path).unwrap();
        let mut bytes = file.bytes.clone();
        if *path == damaged {
            bytes.truncate(bytes.len() / 2);
        }
        let arrived = ShardFile::from_bytes(path, &bytes).map(|shard| File::Shard(Rc::new(shard)));
        state.apply(Action::FileArrived(FileKey::Shard(path.clone()), arrived));
    }
    let Some(Err(error)) = state.page() else {
        panic!("the search fails: {:?}", state.page());
    };
    assert_eq!(error.file, damaged);
    let LoadErrorKind::Shape(problem) = &error.kind else {
        panic!("a damaged file: {error:?}");
    };
    assert!(
        problem.starts_with("damaged search shard at byte "),
        "{problem}"
    );
    // The linked engine failed the file as it arrived, so retrying fetches it again; the
    // module took the bytes and failed the query, so retrying evaluates them again.
    state.apply(Action::RetryFailed);
    if cfg!(feature = "search-module") {
        assert!(shards_to_fetch(&state).is_empty());
        assert!(matches!(state.page(), Some(Err(again)) if again.file == damaged));
    } else {
        assert_eq!(shards_to_fetch(&state), [damaged]);
        assert_eq!(state.page(), None, "the search waits for the file again");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_manifest_from_another_build_is_refused_by_name() {
    let fixture = fixture();
    let mut state = fixture.indexed(search("代表"));
    fixture.deliver_manifest(&mut state);
    assert!(matches!(state.files.manifest(), Some(Load::Ready(_))));

    let mut stale = fixture.clone();
    stale.archive.issues.pop();
    let mut state = stale.indexed(search("代表"));
    fixture.deliver_manifest(&mut state);
    let Some(Load::Failed(error)) = state.files.manifest() else {
        panic!("a manifest of another build is refused")
    };
    assert_eq!(error.file, "search/manifest.json");
    assert!(matches!(
        error.kind,
        crate::error::LoadErrorKind::Mismatch(_)
    ));
    assert!(matches!(state.page(), Some(Err(_))), "the search says so");
}

#[wasm_bindgen_test(unsupported = test)]
fn snippets_are_fetched_only_for_cards_seen_on_screen() {
    let mut state = fixture().searched(search("代表工作室"));
    assert!(issues_to_fetch(&state).is_empty(), "nothing seen yet");
    state.apply(Action::ResultsSeen(vec!["2017-15".into()]));
    assert_eq!(issues_to_fetch(&state), ["2017-15".to_owned()]);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_page_lists_up_to_the_limit_and_counts_every_result() {
    let titles: Vec<String> = (1..=LIST_PAGE_SIZE + 5)
        .map(|n| format!("第{n}篇"))
        .collect();
    let articles: Vec<(&str, Region, &str)> = titles
        .iter()
        .map(|title| (title.as_str(), region("衡阳市", None), "建成代表工作室。"))
        .collect();
    let fixture = fixture_of(&[issue("2018-1", "2018-01-10", &articles)]);
    let mut state = fixture.searched(search("代表工作室"));
    let listed = |state: &State| match state.page() {
        Some(Ok(page)) => (page.listed.len(), page.total),
        other => panic!("results known: {other:?}"),
    };
    assert_eq!(listed(&state), (LIST_PAGE_SIZE, LIST_PAGE_SIZE + 5));
    state.apply(Action::ShowMore);
    assert_eq!(listed(&state), (LIST_PAGE_SIZE + 5, LIST_PAGE_SIZE + 5));
}

#[wasm_bindgen_test(unsupported = test)]
fn more_results_grow_the_list_and_a_new_query_starts_over() {
    let mut state = fixture().searched(search("代表工作室"));
    let shown = |state: &State| state.visit.as_ref().map(|visit| visit.shown);
    state.apply(Action::ShowMore);
    assert_eq!(shown(&state), Some(2 * LIST_PAGE_SIZE));
    state.apply(Action::Navigate(search("代表")));
    assert_eq!(shown(&state), Some(LIST_PAGE_SIZE));
}

#[wasm_bindgen_test(unsupported = test)]
fn what_is_being_typed_is_fetched_and_evaluated_so_that_the_query_only_has_to_be_shown() {
    let fixture = fixture();
    let mut state = fixture.indexed(Route::Latest);
    state.apply(Action::SearchTyped("代表工作室".into()));
    assert!(manifest_wanted(&state), "typing turns to search");
    assert!(
        shards_to_fetch(&state).is_empty(),
        "planned once the manifest is here"
    );

    fixture.deliver_manifest(&mut state);
    let ahead = shards_to_fetch(&state);
    assert!(!ahead.is_empty());
    for path in ahead.clone() {
        let shard = File::Shard(Rc::new(fixture.shard(&path)));
        state.apply(Action::FileArrived(FileKey::Shard(path), Ok(shard)));
    }
    let ahead = state.search.typed.as_ref().expect("typing");
    assert!(ahead.results.is_some(), "evaluated during the typing pause");
    assert!(
        state.search.current().is_none(),
        "not shown before the query runs"
    );
    state.apply(Action::Navigate(search("代表工作室")));
    assert!(
        shards_to_fetch(&state).is_empty(),
        "the query needs nothing more"
    );
    assert_eq!(
        found_ids(&state),
        ["2017-15-1", "2018-1-1"],
        "answered at once"
    );
    assert!(
        state.search.typed.is_none(),
        "the query took over what was typed ahead: nothing left to evaluate again"
    );
    state.apply(Action::ResultsSeen(vec!["2017-15".into()]));
    assert_eq!(found_ids(&state), ["2017-15-1", "2018-1-1"]);

    state.apply(Action::SearchTyped("  ".into()));
    assert!(
        shards_to_fetch(&state).is_empty(),
        "blank text needs nothing"
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn a_query_run_before_its_typed_shards_arrive_takes_their_fetching_over() {
    let fixture = fixture();
    let mut state = fixture.indexed(Route::Latest);
    state.apply(Action::SearchTyped("代表工作室".into()));
    fixture.deliver_manifest(&mut state);
    let ahead = shards_to_fetch(&state);
    assert!(!ahead.is_empty());
    state.apply(Action::Navigate(search("代表工作室")));
    assert!(state.search.typed.is_none());
    assert_eq!(shards_to_fetch(&state), ahead, "the same shards, each once");
}
