use super::*;
use crate::route::{SearchRoute, SearchSort};
use lianluo_core::{Normalization, Region, FORMAT_VERSION};

fn region(prefecture: &str, county: Option<&str>) -> Region {
    Region {
        printed: county.unwrap_or(prefecture).to_owned(),
        prefecture: Some(prefecture.to_owned()),
        county: county.map(str::to_owned),
    }
}

fn summary(id: &str, regions: &[Region]) -> IssueSummary {
    IssueSummary {
        id: id.to_owned(),
        number: id.rsplit('-').next().unwrap().parse().unwrap(),
        serial: None,
        date: format!("{}-01-01", &id[..4]),
        path: format!("issues/{id}.json"),
        articles: regions
            .iter()
            .enumerate()
            .map(|(at, region)| ArticleSummary {
                id: format!("{id}-{}", at + 1),
                title: format!("标题{}", at + 1),
                region: region.clone(),
            })
            .collect(),
    }
}

/// Three issues, newest first: 2018-2 (衡阳市, 浏阳市), 2018-1 (湘潭市), 2017-15 (衡阳市, 湘潭市).
fn archive() -> ArchiveIndex {
    ArchiveIndex {
        format_version: FORMAT_VERSION,
        title: "联络动态".into(),
        issues: vec![
            summary(
                "2018-2",
                &[region("衡阳市", None), region("长沙市", Some("浏阳市"))],
            ),
            summary("2018-1", &[region("湘潭市", None)]),
            summary(
                "2017-15",
                &[region("衡阳市", Some("衡山县")), region("湘潭市", None)],
            ),
        ],
        regions: Vec::new(),
        search: None,
    }
}

fn issue(id: &str) -> Issue {
    Issue {
        format_version: FORMAT_VERSION,
        id: id.to_owned(),
        title: "联络动态".into(),
        number: 1,
        serial: None,
        date: "2018-01-01".into(),
        publisher: "委员会".into(),
        editor_note: None,
        articles: Vec::new(),
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

fn loaded(route: Route) -> State {
    let mut state = State::new(route, TextSize::Standard);
    state.apply(Action::IndexLoaded(Ok(archive())));
    state
}

fn filter(prefecture: &str, county: Option<&str>) -> RegionFilter {
    RegionFilter {
        prefecture: prefecture.into(),
        county: county.map(Into::into),
    }
}

#[test]
fn a_new_reader_waits_for_the_index_and_fetches_no_issue() {
    let state = State::new(Route::Latest, TextSize::Large);
    assert_eq!(state.index, Load::Pending);
    assert_eq!(state.text_size, TextSize::Large);
    assert!(state.issues_to_fetch().is_empty());
}

#[test]
fn the_latest_view_wants_the_newest_issue() {
    let state = loaded(Route::Latest);
    assert_eq!(state.current_issue().map(|i| i.id.as_str()), Some("2018-2"));
    assert_eq!(state.issues_to_fetch(), vec!["2018-2".to_owned()]);
}

#[test]
fn an_article_view_wants_the_issue_that_holds_it() {
    let state = loaded(Route::article("2017-15-2"));
    assert_eq!(state.issues_to_fetch(), vec!["2017-15".to_owned()]);
    let (issue, article) = state.article_summary("2017-15-2").unwrap();
    assert_eq!(
        (issue.id.as_str(), article.title.as_str()),
        ("2017-15", "标题2")
    );
}

#[test]
fn an_unknown_issue_or_article_wants_nothing() {
    assert!(loaded(Route::Issue("1999-1".into()))
        .issues_to_fetch()
        .is_empty());
    assert!(loaded(Route::article("1999-1-1"))
        .issues_to_fetch()
        .is_empty());
    assert!(loaded(Route::Issues).issues_to_fetch().is_empty());
}

#[test]
fn a_requested_issue_is_not_requested_twice() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    state.apply(Action::IssueRequested("2018-1".into()));
    assert!(state.issues_to_fetch().is_empty());
    assert_eq!(state.wanted_progress(), (0, 1));
}

#[test]
fn a_loaded_issue_is_ready_and_counts_as_progress() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    state.apply(Action::IssueRequested("2018-1".into()));
    state.apply(Action::IssueLoaded("2018-1".into(), Ok(issue("2018-1"))));
    assert!(state.issues["2018-1"].ready().is_some());
    assert_eq!(state.wanted_progress(), (1, 1));
}

#[test]
fn an_issue_file_holding_another_issue_is_a_mismatch_naming_the_file() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    state.apply(Action::IssueLoaded("2018-1".into(), Ok(issue("2017-15"))));
    let Load::Failed(error) = &state.issues["2018-1"] else {
        panic!("expected a failure")
    };
    assert_eq!(error.file, "issues/2018-1.json");
    assert!(matches!(error.kind, LoadErrorKind::Mismatch(_)));
}

#[test]
fn retrying_a_failed_issue_fetches_it_again() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    let error = LoadError::new("issues/2018-1.json", LoadErrorKind::Network);
    state.apply(Action::IssueLoaded("2018-1".into(), Err(error)));
    assert!(state.issues_to_fetch().is_empty());
    assert_eq!(state.wanted_progress(), (1, 1));
    state.apply(Action::RetryIssue("2018-1".into()));
    assert_eq!(state.issues_to_fetch(), vec!["2018-1".to_owned()]);
}

#[test]
fn a_list_counts_its_unloaded_issue_files_and_retries_them_all() {
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    let wanted = state.issues_to_fetch();
    assert!(!wanted.is_empty());
    for id in &wanted {
        let error = LoadError::new(format!("issues/{id}.json"), LoadErrorKind::Network);
        state.apply(Action::IssueRequested(id.clone()));
        state.apply(Action::IssueLoaded(id.clone(), Err(error)));
    }
    assert_eq!(state.unloaded_wanted(), wanted.len());
    assert!(
        state.issues_to_fetch().is_empty(),
        "failures are not refetched by themselves"
    );
    state.apply(Action::RetryFailedIssues);
    assert_eq!(state.unloaded_wanted(), 0);
    assert_eq!(state.issues_to_fetch(), wanted);
}

#[test]
fn a_failed_index_is_retried_with_a_new_attempt() {
    let mut state = State::new(Route::Latest, TextSize::Standard);
    let error = LoadError::new("data/index.json", LoadErrorKind::Malformed);
    state.apply(Action::IndexLoaded(Err(error.clone())));
    assert_eq!(state.index, Load::Failed(error));
    state.apply(Action::RetryIndex);
    assert_eq!(
        (state.index.clone(), state.index_attempt),
        (Load::Pending, 1)
    );
}

#[test]
fn a_prefecture_counts_its_counties_articles_newest_first() {
    let state = loaded(Route::Latest);
    let ids: Vec<&str> = state
        .region_articles(&filter("衡阳市", None))
        .iter()
        .map(|(_, article)| article.id.as_str())
        .collect();
    assert_eq!(ids, ["2018-2-1", "2017-15-1"]);
    let changsha = state.region_articles(&filter("长沙市", None));
    assert_eq!(changsha.len(), 1, "浏阳市 counts for 长沙市");
}

#[test]
fn a_county_filter_keeps_only_that_county() {
    let state = loaded(Route::Latest);
    let hengshan = state.region_articles(&filter("衡阳市", Some("衡山县")));
    assert_eq!(hengshan.len(), 1);
    assert_eq!(hengshan[0].1.id, "2017-15-1");
    assert!(state
        .region_articles(&filter("衡阳市", Some("耒阳市")))
        .is_empty());
}

#[test]
fn a_region_view_fetches_its_issues_newest_first_within_the_limit() {
    let state = loaded(Route::Region(filter("湘潭市", None)));
    assert_eq!(state.wanted_issues(), ["2018-1", "2017-15"]);
    assert_eq!(
        state.issues_to_fetch(),
        ["2018-1".to_owned(), "2017-15".to_owned()]
    );
}

#[test]
fn fetches_in_flight_are_capped() {
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    for id in ["a", "b", "c"] {
        state.apply(Action::IssueRequested(id.into()));
    }
    assert_eq!(state.issues_to_fetch().len(), MAX_FETCHES_IN_FLIGHT - 3);
    state.apply(Action::IssueRequested("d".into()));
    assert!(state.issues_to_fetch().is_empty());
}

#[test]
fn showing_more_region_articles_grows_the_list_and_only_a_new_region_resets_it() {
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    state.apply(Action::ShowMoreRegionArticles);
    assert_eq!(state.region_limit, 2 * REGION_PAGE_SIZE);
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    assert_eq!(
        state.region_limit,
        2 * REGION_PAGE_SIZE,
        "same region keeps its length"
    );
    state.apply(Action::Navigate(Route::article("2017-15-1")));
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    assert_eq!(
        state.region_limit,
        2 * REGION_PAGE_SIZE,
        "back from one of its articles, the list is as long as it was"
    );
    state.apply(Action::Navigate(Route::Region(filter("衡阳市", None))));
    assert_eq!(state.region_limit, REGION_PAGE_SIZE);
}

#[test]
fn neighbours_are_the_newer_and_older_issue() {
    let state = loaded(Route::Latest);
    let ids = |(newer, older): (Option<&IssueSummary>, Option<&IssueSummary>)| {
        (newer.map(|i| i.id.clone()), older.map(|i| i.id.clone()))
    };
    assert_eq!(
        ids(state.neighbours("2018-2")),
        (None, Some("2018-1".into()))
    );
    assert_eq!(
        ids(state.neighbours("2018-1")),
        (Some("2018-2".into()), Some("2017-15".into()))
    );
    assert_eq!(
        ids(state.neighbours("2017-15")),
        (Some("2018-1".into()), None)
    );
    assert_eq!(ids(state.neighbours("1999-1")), (None, None));
}

#[test]
fn navigating_changes_only_the_route() {
    let mut state = loaded(Route::Latest);
    let before = state.clone();
    let search = Route::Search(SearchRoute {
        query: "代表".into(),
        region: None,
        sort: SearchSort::Newest,
    });
    state.apply(Action::Navigate(search.clone()));
    assert_eq!(state.route, search);
    assert_eq!((state.index, state.issues), (before.index, before.issues));
}

#[test]
fn text_size_changes_are_kept() {
    let mut state = loaded(Route::Latest);
    state.apply(Action::SetTextSize(TextSize::Largest));
    assert_eq!(state.text_size, TextSize::Largest);
}

#[test]
fn clearing_a_region_or_search_returns_to_the_view_before_it() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    state.apply(Action::Navigate(Route::Region(filter(
        "湘潭市",
        Some("湘潭县"),
    ))));
    state.apply(Action::Navigate(Route::Search(SearchRoute::default())));
    assert_eq!(state.return_to, Route::Issue("2018-1".into()));
    state.apply(Action::Navigate(Route::article("2018-1-1")));
    state.apply(Action::Navigate(Route::Region(filter("衡阳市", None))));
    assert_eq!(state.return_to, Route::article("2018-1-1"));
}

#[test]
fn back_from_a_result_to_its_list_still_clears_to_the_view_before_the_list() {
    let searched = Route::Search(SearchRoute {
        query: "代表".into(),
        ..SearchRoute::default()
    });
    let mut state = loaded(Route::Issue("2018-1".into()));
    state.apply(Action::Navigate(searched.clone()));
    state.apply(Action::Navigate(Route::article("2018-1-1")));
    state.apply(Action::Navigate(searched));
    assert_eq!(state.return_to, Route::Issue("2018-1".into()));

    let region = Route::Region(filter("湘潭市", None));
    state.apply(Action::Navigate(Route::Latest));
    state.apply(Action::Navigate(region.clone()));
    state.apply(Action::Navigate(Route::article("2017-15-1")));
    state.apply(Action::Navigate(region));
    assert_eq!(state.return_to, Route::Latest);
}

#[test]
fn a_reader_who_arrives_on_a_region_returns_to_the_newest_issue() {
    let state = State::new(Route::Region(filter("衡阳市", None)), TextSize::Standard);
    assert_eq!(state.return_to, Route::Latest);
}
