//! What can go wrong while loading a data file, told to the reader in words.

use std::fmt;

/// A data file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file's address, as fetched.
    pub file: String,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

/// The ways a data file can fail to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The server answered 404.
    NotFound,
    /// The server answered another non-success status.
    Status(u16),
    /// The request never got an answer (offline, blocked, refused).
    Network,
    /// No answer within the time limit.
    Timeout,
    /// The body is not JSON (often a file cut short during upload).
    Malformed,
    /// The JSON does not have the expected shape; the detail names the field.
    Shape(String),
    /// The file is in a format version this reader does not know.
    Version(String),
    /// The address is on another site and the page did not allow that.
    CrossOrigin,
    /// The file loaded but contradicts the archive index.
    Mismatch(String),
    /// The host's markup names no data file.
    NoSource,
    /// The search module could not be fetched or started.
    SearchProgram,
}

impl LoadError {
    /// A new error for `file`.
    pub fn new(file: impl Into<String>, kind: LoadErrorKind) -> Self {
        LoadError {
            file: file.into(),
            kind,
        }
    }

    /// The message shown to readers: one or two sentences in Chinese that name the file.
    pub fn message(&self) -> String {
        let file = &self.file;
        match &self.kind {
            LoadErrorKind::NotFound => format!("找不到数据文件 {file}（HTTP 404）。"),
            LoadErrorKind::Status(status) => {
                format!("服务器未能提供数据文件 {file}（HTTP {status}）。")
            }
            LoadErrorKind::Network => format!("网络连接失败，未能取得数据文件 {file}。"),
            LoadErrorKind::Timeout => format!("获取数据文件 {file} 超时。"),
            LoadErrorKind::Malformed => {
                format!("数据文件 {file} 不是有效的 JSON，可能已损坏或未完整上传。")
            }
            LoadErrorKind::Shape(detail) => {
                format!("数据文件 {file} 的内容不符合格式要求：{detail}。")
            }
            LoadErrorKind::Version(version) => {
                format!("数据文件 {file} 的格式版本为 {version}，本阅读器不认识这一版本，请更新阅读器。")
            }
            LoadErrorKind::CrossOrigin => format!(
                "数据地址 {file} 不在本站，阅读器没有加载它。如确需加载其他网站的数据，请在页面元素上加 data-lianluo-allow-cross-origin 属性。"
            ),
            LoadErrorKind::Mismatch(detail) => {
                format!("数据文件 {file} 与总目录不一致：{detail}。")
            }
            LoadErrorKind::SearchProgram => {
                "未能取得搜索程序，暂时无法搜索。请检查网络连接后重试。".to_owned()
            }
            LoadErrorKind::NoSource => {
                format!("页面没有指定数据地址：阅读器所在元素的 data-lianluo-src 属性为空（{file}）。")
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_the_file() {
        let kinds = [
            LoadErrorKind::NotFound,
            LoadErrorKind::Status(500),
            LoadErrorKind::Network,
            LoadErrorKind::Timeout,
            LoadErrorKind::Malformed,
            LoadErrorKind::Shape("articles[0].title: 应为字符串".into()),
            LoadErrorKind::Version("9".into()),
            LoadErrorKind::CrossOrigin,
            LoadErrorKind::Mismatch("期号不同".into()),
            LoadErrorKind::NoSource,
        ];
        for kind in kinds {
            let error = LoadError::new("data/issues/2017-15.json", kind.clone());
            assert!(
                error.message().contains("data/issues/2017-15.json"),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn status_and_detail_appear_in_the_message() {
        assert!(LoadError::new("a", LoadErrorKind::Status(503))
            .message()
            .contains("503"));
        let shape = LoadError::new("a", LoadErrorKind::Shape("issues[2].date".into()));
        assert!(shape.message().contains("issues[2].date"));
    }
}
