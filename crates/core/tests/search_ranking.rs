//! Ranking on small hand-made archives, and the scoring functions' shape.

mod search_support;

use lianluo_core::search::parse_query;
use lianluo_core::search::scoring::{
    closeness_points, match_points, newest_first, rank, Hit, MATCH_POINTS, NEAR_WINDOW,
    PHRASE_POINTS,
};
use search_support::{build, doc, Doc};

/// Documents found for `query`, in ranked order.
fn ranked(docs: &[Doc], query: &str) -> Vec<u32> {
    let built = build(docs, 2);
    built
        .evaluate(&parse_query(query))
        .unwrap()
        .iter()
        .map(|h| h.doc)
        .collect()
}

#[test]
fn a_title_hit_outranks_many_body_hits() {
    let docs = vec![
        doc(&["会议纪要", "选举选举选举。选举选举。"]),
        doc(&["换届选举工作", "做好准备。"]),
    ];
    assert_eq!(ranked(&docs, "选举"), [1, 0]);
}

#[test]
fn more_occurrences_rank_higher() {
    let docs = vec![
        doc(&["甲", "代表来了。"]),
        doc(&["乙", "代表来了，代表走了，代表又来了。"]),
        doc(&["丙", "代表说，代表听。"]),
    ];
    assert_eq!(ranked(&docs, "代表"), [1, 2, 0]);
}

#[test]
fn terms_typed_as_a_phrase_rank_above_scattered_ones() {
    let docs = vec![
        doc(&["甲", "工作室很多。许多地方都有，代表也来。"]),
        doc(&["乙", "平平常常的一段话。", "代表工作室建成。"]),
        doc(&["丙", "工作室旁边的代表。"]),
    ];
    // Doc 1 has the terms adjacent and in order, doc 2 close but reversed, doc 0 far apart.
    assert_eq!(ranked(&docs, "代表 工作室"), [1, 2, 0]);
}

#[test]
fn equal_scores_put_the_newer_article_first() {
    let docs = vec![
        doc(&["甲", "电子表决"]),
        doc(&["乙", "电子表决"]),
        doc(&["丙", "电子表决"]),
    ];
    assert_eq!(ranked(&docs, "表决"), [0, 1, 2]);
}

#[test]
fn newest_first_ignores_scores() {
    let hit = |doc, score| Hit {
        doc,
        score,
        matches: 1,
        title_hit: false,
    };
    let mut hits = vec![hit(5, 10), hit(2, 30), hit(9, 30), hit(0, 1)];
    rank(&mut hits);
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [2, 9, 5, 0]);
    let newest = newest_first(&hits);
    assert_eq!(
        newest.iter().map(|h| h.doc).collect::<Vec<_>>(),
        [0, 2, 5, 9]
    );
    assert_eq!(newest[1], hit(2, 30), "hits are kept whole");
    assert!(newest_first(&[]).is_empty());
}

#[test]
fn match_points_grow_ever_more_slowly() {
    assert_eq!(match_points(0), 0);
    assert_eq!(match_points(1), MATCH_POINTS);
    assert_eq!(match_points(4), 2 * MATCH_POINTS);
    let steps: Vec<u32> = (1..20)
        .map(|n| match_points(n + 1) - match_points(n))
        .collect();
    // Each step is no larger than the one before, give or take rounding.
    assert!(steps.windows(2).all(|w| w[1] <= w[0] + 1), "{steps:?}");
    assert!(steps[0] > *steps.last().unwrap());
}

#[test]
fn closeness_fades_with_distance() {
    assert!(closeness_points(0) > closeness_points(1) + PHRASE_POINTS / 2);
    assert!(closeness_points(1) > closeness_points(10));
    assert_eq!(closeness_points(NEAR_WINDOW), 0);
    assert_eq!(closeness_points(NEAR_WINDOW * 3), 0);
}
