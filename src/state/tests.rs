use super::*;
use crate::error::LoadErrorKind;
use crate::route::{SearchRoute, SearchSort};
use lianluo_core::search::parse_query;
use lianluo_core::test_support::bare_issue;
use lianluo_core::{Region, FORMAT_VERSION};

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
        volumes: None,
    }
}

fn issue(id: &str) -> Issue {
    bare_issue(id, "2018-01-01", Vec::new())
}

fn loaded(route: Route) -> State {
    let mut state = State::new(route, TextSize::Standard);
    state.apply(Action::FileArrived(
        FileKey::Index,
        Ok(File::index(Rc::new(archive()))),
    ));
    state
}

/// The issue files among the files to fetch now, by id.
pub(super) fn issues_to_fetch(state: &State) -> Vec<String> {
    state
        .files_to_fetch()
        .into_iter()
        .filter_map(|key| match key {
            FileKey::Issue(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// Delivers an issue file (or its failure) as the loading effect would.
pub(super) fn deliver_issue(state: &mut State, id: &str, result: Result<Issue, LoadError>) {
    let file = result.map(|issue| File::Issue(Rc::new(issue)));
    state.apply(Action::FileArrived(FileKey::Issue(id.to_owned()), file));
}

fn requested(state: &mut State, ids: &[&str]) {
    let keys = ids.iter().map(|id| FileKey::Issue((*id).to_owned()));
    state.apply(Action::FilesRequested(keys.collect()));
}

fn progress(state: &State) -> (usize, usize) {
    let progress = state.issue_progress();
    (progress.settled, progress.wanted)
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
    assert_eq!(state.index(), Load::Pending);
    assert_eq!(state.text_size, TextSize::Large);
    assert_eq!(state.files_to_fetch(), [FileKey::Index]);
}

#[test]
fn the_latest_view_wants_the_newest_issue() {
    let state = loaded(Route::Latest);
    assert_eq!(state.current_issue().map(|i| i.id.as_str()), Some("2018-2"));
    assert_eq!(issues_to_fetch(&state), vec!["2018-2".to_owned()]);
}

#[test]
fn an_article_view_wants_the_issue_that_holds_it() {
    let state = loaded(Route::article("2017-15-2"));
    assert_eq!(issues_to_fetch(&state), vec!["2017-15".to_owned()]);
    let (issue, article) = state.article_summary("2017-15-2").unwrap();
    assert_eq!(
        (issue.id.as_str(), article.title.as_str()),
        ("2017-15", "标题2")
    );
}

#[test]
fn an_unknown_issue_or_article_wants_nothing() {
    assert!(issues_to_fetch(&loaded(Route::Issue("1999-1".into()))).is_empty());
    assert!(issues_to_fetch(&loaded(Route::article("1999-1-1"))).is_empty());
    assert!(issues_to_fetch(&loaded(Route::Issues)).is_empty());
}

#[test]
fn a_requested_issue_is_not_requested_twice() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    requested(&mut state, &["2018-1"]);
    assert!(issues_to_fetch(&state).is_empty());
    assert_eq!(progress(&state), (0, 1));
}

#[test]
fn a_loaded_issue_is_ready_and_counts_as_progress() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    requested(&mut state, &["2018-1"]);
    deliver_issue(&mut state, "2018-1", Ok(issue("2018-1")));
    assert!(state.issue("2018-1").unwrap().ready().is_some());
    assert_eq!(progress(&state), (1, 1));
}

#[test]
fn an_issue_file_holding_another_issue_is_a_mismatch_naming_the_file() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    deliver_issue(&mut state, "2018-1", Ok(issue("2017-15")));
    let Some(Load::Failed(error)) = state.issue("2018-1") else {
        panic!("expected a failure")
    };
    assert_eq!(error.file, "issues/2018-1.json");
    assert!(matches!(error.kind, LoadErrorKind::Mismatch(_)));
}

#[test]
fn retrying_a_failed_issue_fetches_it_again() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    let error = LoadError::new("issues/2018-1.json", LoadErrorKind::Network);
    deliver_issue(&mut state, "2018-1", Err(error));
    assert!(issues_to_fetch(&state).is_empty());
    assert_eq!(progress(&state), (1, 1));
    state.apply(Action::RetryFailed);
    assert_eq!(issues_to_fetch(&state), vec!["2018-1".to_owned()]);
}

#[test]
fn a_list_counts_its_unloaded_issue_files_and_retries_them_all() {
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    let wanted = issues_to_fetch(&state);
    assert!(!wanted.is_empty());
    for id in &wanted {
        let error = LoadError::new(format!("issues/{id}.json"), LoadErrorKind::Network);
        requested(&mut state, &[id]);
        deliver_issue(&mut state, id, Err(error));
    }
    assert_eq!(state.issue_progress().failed, wanted.len());
    assert!(
        issues_to_fetch(&state).is_empty(),
        "failures are not refetched by themselves"
    );
    state.apply(Action::RetryFailed);
    assert_eq!(state.issue_progress().failed, 0);
    assert_eq!(issues_to_fetch(&state), wanted);
}

#[test]
fn a_failed_index_is_retried_with_a_new_attempt() {
    let mut state = State::new(Route::Latest, TextSize::Standard);
    let error = LoadError::new("data/index.json", LoadErrorKind::Malformed);
    state.apply(Action::FileArrived(FileKey::Index, Err(error.clone())));
    assert_eq!(state.index(), Load::Failed(error));
    assert!(
        state.files_to_fetch().is_empty(),
        "not fetched again by itself"
    );
    state.apply(Action::RetryFailed);
    assert_eq!(state.index(), Load::Pending);
    assert_eq!(state.files_to_fetch(), [FileKey::Index]);
}

/// The ids of the articles the current list shows, and how many it has in all.
pub(super) fn listed_ids(state: &State) -> (Vec<String>, usize) {
    let Some(Ok(page)) = state.page() else {
        panic!("the list's page is known: {:?}", state.page())
    };
    let archive = state.archive().unwrap();
    let ids = page.listed.iter();
    let ids = ids.map(|placed| {
        archive.issues[placed.issue].articles[placed.article]
            .id
            .clone()
    });
    (ids.collect(), page.total)
}

/// The ids of a region's articles as its list shows them.
fn region_ids(region: RegionFilter) -> Vec<String> {
    listed_ids(&loaded(Route::Region(region))).0
}

#[test]
fn a_prefecture_counts_its_counties_articles_newest_first() {
    assert_eq!(
        region_ids(filter("衡阳市", None)),
        ["2018-2-1", "2017-15-1"]
    );
    assert_eq!(
        region_ids(filter("长沙市", None)),
        ["2018-2-2"],
        "浏阳市 counts for 长沙市"
    );
}

#[test]
fn a_county_filter_keeps_only_that_county() {
    assert_eq!(region_ids(filter("衡阳市", Some("衡山县"))), ["2017-15-1"]);
    assert!(region_ids(filter("衡阳市", Some("耒阳市"))).is_empty());
}

#[test]
fn a_region_view_fetches_its_issues_newest_first_within_the_limit() {
    let state = loaded(Route::Region(filter("湘潭市", None)));
    assert_eq!(state.wanted_issues(), ["2018-1", "2017-15"]);
    assert_eq!(
        issues_to_fetch(&state),
        ["2018-1".to_owned(), "2017-15".to_owned()]
    );
}

#[test]
fn fetches_in_flight_are_capped() {
    // The view wants two issues, more than the one place left below the cap.
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    for n in 1..MAX_FETCHES_IN_FLIGHT {
        requested(&mut state, &[&format!("other-{n}")]);
    }
    assert_eq!(issues_to_fetch(&state), ["2018-1"]);
    requested(&mut state, &["one-more"]);
    assert!(issues_to_fetch(&state).is_empty());
}

#[test]
fn showing_more_region_articles_grows_the_list_and_only_a_new_region_resets_it() {
    let mut state = loaded(Route::Region(filter("湘潭市", None)));
    let shown = |state: &State| state.visit.as_ref().map(|visit| visit.shown);
    state.apply(Action::ShowMore);
    assert_eq!(shown(&state), Some(2 * LIST_PAGE_SIZE));
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    assert_eq!(
        shown(&state),
        Some(2 * LIST_PAGE_SIZE),
        "same region keeps its length"
    );
    state.apply(Action::Navigate(Route::article("2017-15-1")));
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    assert_eq!(
        shown(&state),
        Some(2 * LIST_PAGE_SIZE),
        "back from one of its articles, the list is as long as it was"
    );
    state.apply(Action::Navigate(Route::Region(filter("衡阳市", None))));
    assert_eq!(shown(&state), Some(LIST_PAGE_SIZE));
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
fn navigating_changes_the_route_the_visit_and_the_query_and_nothing_else() {
    let mut state = loaded(Route::Latest);
    let search = Route::Search(SearchRoute {
        query: "代表".into(),
        region: None,
        sort: SearchSort::Newest,
    });
    let mut expected = state.clone();
    expected.route = search.clone();
    expected.visit = Some(ListVisit {
        list: search.clone(),
        entered_from: Route::Latest,
        shown: LIST_PAGE_SIZE,
    });
    expected.search.query = Some(("代表".into(), Rc::new(parse_query("代表"))));
    state.apply(Action::Navigate(search));
    // What the page was worked out from is bookkeeping, not state the reader sees; the page
    // itself is compared (still none: the archive has no search index to answer from).
    expected.page_inputs = state.page_inputs.clone();
    assert_eq!(state, expected);
}

#[test]
fn text_size_changes_are_kept() {
    let mut state = loaded(Route::Latest);
    state.apply(Action::SetTextSize(TextSize::Largest));
    assert_eq!(state.text_size, TextSize::Largest);
}

#[test]
fn elder_mode_is_kept_and_leaves_the_view_alone() {
    let mut state = loaded(Route::Issue("2018-1".into()));
    assert!(!state.elder_mode());
    state.apply(Action::SetElderMode(true));
    assert!(state.elder_mode());
    assert_eq!(state.route(), &Route::Issue("2018-1".into()));
    state.apply(Action::SetElderMode(false));
    assert!(!state.elder_mode());
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
    assert_eq!(state.return_point(), Route::Issue("2018-1".into()));
    state.apply(Action::Navigate(Route::article("2018-1-1")));
    state.apply(Action::Navigate(Route::Region(filter("衡阳市", None))));
    assert_eq!(state.return_point(), Route::article("2018-1-1"));
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
    assert_eq!(state.return_point(), Route::Issue("2018-1".into()));

    let region = Route::Region(filter("湘潭市", None));
    state.apply(Action::Navigate(Route::Latest));
    state.apply(Action::Navigate(region.clone()));
    state.apply(Action::Navigate(Route::article("2017-15-1")));
    state.apply(Action::Navigate(region));
    assert_eq!(state.return_point(), Route::Latest);
}

#[test]
fn a_reader_who_arrives_on_a_region_returns_to_the_newest_issue() {
    let state = State::new(Route::Region(filter("衡阳市", None)), TextSize::Standard);
    assert_eq!(state.return_point(), Route::Latest);
}

#[test]
fn an_issue_view_is_settled_once_its_file_arrived_or_failed() {
    let mut state = State::new(Route::Issue("2018-1".into()), TextSize::Standard);
    assert!(!state.view_settled(), "waiting for the index");
    state.apply(Action::FileArrived(
        FileKey::Index,
        Ok(File::index(Rc::new(archive()))),
    ));
    assert!(!state.view_settled(), "waiting for the issue file");
    let error = LoadError::new("issues/2018-1.json", LoadErrorKind::Network);
    deliver_issue(&mut state, "2018-1", Err(error));
    assert!(state.view_settled());
    state.apply(Action::Navigate(Route::Region(filter("湘潭市", None))));
    assert!(state.view_settled(), "a list settles with the index");
}

#[test]
fn actions_that_change_nothing_give_back_the_same_state() {
    let state = Rc::new(State::new(Route::Latest, TextSize::default()));
    let unchanged = |state: &Rc<State>, action: Action| {
        let next = Rc::clone(state).reduce(action);
        (Rc::ptr_eq(state, &next), next)
    };
    assert!(unchanged(&state, Action::Navigate(Route::Latest)).0);
    assert!(unchanged(&state, Action::SetTextSize(TextSize::default())).0);
    assert!(unchanged(&state, Action::SetElderMode(false)).0);
    assert!(!unchanged(&state, Action::SetElderMode(true)).0);

    let (same, state) = unchanged(&state, Action::FilesRequested(vec![FileKey::Index]));
    assert!(!same, "a first request is recorded");
    assert!(unchanged(&state, Action::FilesRequested(vec![FileKey::Index])).0);

    let (same, state) = unchanged(&state, Action::SearchFocused);
    assert!(!same);
    assert!(unchanged(&state, Action::SearchFocused).0);

    let (same, state) = unchanged(&state, Action::ResultsSeen(vec!["2018-1".into()]));
    assert!(!same);
    assert!(unchanged(&state, Action::ResultsSeen(vec!["2018-1".into()])).0);
    assert!(
        !unchanged(
            &state,
            Action::ResultsSeen(vec!["2018-1".into(), "2018-2".into()])
        )
        .0
    );

    let (same, state) = unchanged(&state, Action::Navigate(Route::Issues));
    assert!(!same);
    assert_eq!(state.route, Route::Issues);
}

/// `archive()` as `lianluo build` splits it: the index lists 2018-2, a volume each 2018-1 and
/// 2017-15.
fn archive_in_volumes() -> (ArchiveIndex, [(FileKey, ArchiveIndex); 2]) {
    let whole = archive();
    let part = |issues: &[IssueSummary]| ArchiveIndex {
        issues: issues.to_vec(),
        ..whole.clone()
    };
    let mut index = part(&whole.issues[..1]);
    index.volumes = Some(vec!["volumes/a.json".into(), "volumes/b.json".into()]);
    let (newer, older) = (part(&whole.issues[1..2]), part(&whole.issues[2..]));
    let key = |path: &str| FileKey::Volume(path.into());
    (
        index,
        [
            (key("volumes/a.json"), newer),
            (key("volumes/b.json"), older),
        ],
    )
}

/// A reader on `route` to which `index` arrived.
fn opened_on(route: Route, index: ArchiveIndex) -> State {
    let mut state = State::new(route, TextSize::Standard);
    let file = File::index(Rc::new(index));
    state.apply(Action::FileArrived(FileKey::Index, Ok(file)));
    state
}

fn deliver_volume(state: &mut State, key: &FileKey, result: Result<ArchiveIndex, LoadError>) {
    let file = result.map(|volume| File::Volume(Rc::new(volume)));
    state.apply(Action::FileArrived(key.clone(), file));
}

#[test]
fn an_index_in_volumes_is_ready_once_every_volume_is_joined_to_it() {
    let (index, [(newer_key, newer), (older_key, older)]) = archive_in_volumes();
    let mut state = opened_on(Route::Latest, index);
    assert_eq!(state.index(), Load::Pending);
    assert_eq!(
        state.archive(),
        None,
        "no view works from a part of the archive"
    );
    assert_eq!(
        state.files_to_fetch(),
        [newer_key.clone(), older_key.clone()]
    );
    assert_eq!(state.file_path(&older_key), Some("volumes/b.json"));

    deliver_volume(&mut state, &older_key, Ok(older));
    assert_eq!(state.index(), Load::Pending);
    deliver_volume(&mut state, &newer_key, Ok(newer));
    let Load::Ready(joined) = state.index() else {
        panic!("the archive is whole: {:?}", state.index());
    };
    assert_eq!(joined.issues, archive().issues, "in the archive's order");
    assert_eq!(joined.volumes, None);
    assert_eq!(
        state.issue_summary("2017-15").map(|i| i.path.as_str()),
        Some("issues/2017-15.json")
    );
    assert_eq!(issues_to_fetch(&state), ["2018-2"]);
    assert!(
        state.files.get(&older_key).is_none(),
        "the volumes are let go"
    );
}

#[test]
fn a_volume_that_fails_fails_the_index_until_it_is_fetched_again() {
    let (index, [(newer_key, newer), (older_key, _)]) = archive_in_volumes();
    let mut state = opened_on(Route::Issues, index);
    deliver_volume(&mut state, &newer_key, Ok(newer));
    let missing = LoadError::new("volumes/b.json", LoadErrorKind::NotFound);
    deliver_volume(&mut state, &older_key, Err(missing.clone()));
    assert_eq!(state.index(), Load::Failed(missing));
    assert!(state.files_to_fetch().is_empty());

    state.apply(Action::RetryFailed);
    assert_eq!(state.index(), Load::Pending);
    assert_eq!(state.files_to_fetch(), [older_key]);
}

#[test]
fn an_index_that_names_no_volumes_is_whole_at_once() {
    let mut index = archive();
    index.volumes = Some(Vec::new());
    let state = opened_on(Route::Latest, index);
    assert!(
        matches!(state.index(), Load::Ready(_)),
        "{:?}",
        state.index()
    );
    assert_eq!(issues_to_fetch(&state), ["2018-2"]);
}
