//! Issues and archives made by hand, for the tests of every crate (feature `test-support`):
//! small builders for the parts, a bare issue with nothing but articles, and one issue in the
//! shape of the sample (第15期, 总第535期, 2017-08-30) with full back matter.

use crate::model::{
    Article, Block, BlockKind, CountyCount, Issue, IssueSummary, Normalization, Region,
    RegionCount, FORMAT_VERSION,
};

/// The publisher printed in the masthead.
pub const PUBLISHER: &str = "湖南省人大常委会选举任免联络工作委员会";

/// A region as the converter resolves it: `printed` as printed, in `prefecture` (and
/// `county`).
pub fn region(printed: &str, prefecture: &str, county: Option<&str>) -> Region {
    Region {
        printed: printed.to_owned(),
        prefecture: Some(prefecture.to_owned()),
        county: county.map(str::to_owned),
    }
}

/// A paragraph.
pub fn paragraph(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.to_owned(),
    }
}

/// A sub-heading.
pub fn heading(text: &str) -> Block {
    Block {
        kind: BlockKind::Heading,
        text: text.to_owned(),
    }
}

/// An article.
pub fn article(id: &str, title: &str, region: Region, blocks: Vec<Block>) -> Article {
    Article {
        id: id.to_owned(),
        region,
        title: title.to_owned(),
        blocks,
    }
}

/// Issue `id` (its number the part after the last `-`), dated `date`, holding `articles`
/// and nothing else: no serial, editor's note or back matter.
pub fn bare_issue(id: &str, date: &str, articles: Vec<Article>) -> Issue {
    Issue {
        format_version: FORMAT_VERSION,
        id: id.to_owned(),
        title: "联络动态".to_owned(),
        number: id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1),
        serial: None,
        date: date.to_owned(),
        publisher: "委员会".to_owned(),
        editor_note: None,
        articles,
        distribution: Vec::new(),
        editors: Vec::new(),
        phone: None,
        email: None,
        approval: None,
        normalization: Normalization {
            cjk_punctuation: false,
        },
    }
}

/// Issue 2017-15: an article from 衡阳市 with a sub-heading, one from 浏阳市, and back matter
/// whose phone and e-mail are well formed.
pub fn sample_issue() -> Issue {
    Issue {
        serial: Some(535),
        publisher: PUBLISHER.to_owned(),
        editor_note: Some("现将各地交流材料摘要刊发，供各地参考。".to_owned()),
        distribution: vec!["省人大常委会领导".to_owned(), "各市州人大常委会".to_owned()],
        editors: vec!["石韧".to_owned(), "李明".to_owned()],
        phone: Some("0731-85309270".to_owned()),
        email: Some("hnrlddt@163.com".to_owned()),
        approval: Some("湘党简准字〔2000〕第28号".to_owned()),
        normalization: Normalization {
            cjk_punctuation: true,
        },
        ..bare_issue(
            "2017-15",
            "2017-08-30",
            vec![
                article(
                    "2017-15-1",
                    "建好代表工作室 密切代表同群众联系",
                    region("衡阳市", "衡阳市", None),
                    vec![
                        paragraph("全市乡镇全部建成代表工作室，代表每月进室接待群众。"),
                        heading("一、健全工作制度"),
                        paragraph("工作室实行登记、交办、督办、反馈的闭环办理。"),
                    ],
                ),
                article(
                    "2017-15-2",
                    "乡镇人大主席团规范履职",
                    region("浏阳市", "长沙市", Some("浏阳市")),
                    vec![paragraph("各乡镇人大主席团每季度至少召开一次会议。")],
                ),
            ],
        )
    }
}

/// An issue entry with no articles, for neighbours in the archive.
pub fn bare_summary(id: &str, number: u32, serial: u32, date: &str) -> IssueSummary {
    IssueSummary {
        id: id.to_owned(),
        number,
        serial: Some(serial),
        date: date.to_owned(),
        path: crate::archive::issue_path(id),
        articles: Vec::new(),
    }
}

/// Region counts: 衡阳市 (12) with two counties, 长沙市 (7) with one, 湘西土家族苗族自治州 (2)
/// with none.
pub fn region_counts() -> Vec<RegionCount> {
    let county = |name: &str, count| CountyCount {
        county: name.to_owned(),
        count,
    };
    vec![
        RegionCount {
            prefecture: "衡阳市".to_owned(),
            count: 12,
            counties: vec![county("衡阳县", 5), county("耒阳市", 3)],
        },
        RegionCount {
            prefecture: "长沙市".to_owned(),
            count: 7,
            counties: vec![county("浏阳市", 4)],
        },
        RegionCount {
            prefecture: "湘西土家族苗族自治州".to_owned(),
            count: 2,
            counties: Vec::new(),
        },
    ]
}
