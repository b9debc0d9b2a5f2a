# Messages of `lianluo` in English. Every message here exists in zh.ftl with the same
# placeholders (checked by the catalogue test). Diagnostics read "what was found; what was
# expected", the form editors and their tools already know.

## Severity words and the closing line

severity-error = error
severity-warning = warning
summary = { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }

## The parser (crates/core): the text

text-binary = the file holds binary data (NUL or control bytes), not text; expected an issue's text
text-empty = the text is empty; expected an issue's text

## The parser: the masthead

masthead-no-number = the masthead has no issue number; expected a line 第N期 before the date
masthead-number-zero = the masthead's issue number is 0 (第0期); expected 第1期 or later
masthead-serial-zero = the masthead's serial number is 0 (总第0期); expected 总第1期 or later
masthead-no-date = the masthead has no date; expected a line such as 2017年8月30日 before the first article
masthead-no-title = the masthead has no title; expected { $title } on the first line, which is assumed
masthead-no-publisher = the masthead names no publisher; expected a line ending in 编 (…委员会编)
masthead-no-serial = the masthead has no serial number; expected (总第…期)
masthead-date-nonexistent = found the date { $date }, which does not exist; expected a real date
masthead-second-number = found a second issue number in the masthead ({ $line }); expected one, the first is kept
masthead-second-serial = found a second serial number in the masthead ({ $line }); expected one, the first is kept
masthead-second-publisher = found a second publisher in the masthead ({ $line }); expected one, the first is kept
masthead-second-date = found a second date in the masthead ({ $line }); expected one, the first is kept
masthead-unrecognized = found "{ $line }" in the masthead; expected the title, 第N期, (总第…期), the publisher (…编) or the date

## The parser: the body

no-articles = no articles; expected at least one heading line 地区：标题 after the masthead
no-editor-note = no editor's note; expected a paragraph starting 【编者按】 after the masthead
note-without-label = text before the first article does not start with 【编者按】; kept as the editor's note
heading-unknown-region = unknown region "{ $region }" in the article heading; expected a prefecture, county or township of Hunan; kept as printed
heading-not-a-place = unknown region "{ $region }" in the article heading; expected a place name (…市, …县, …镇人大) before the colon; read as an article heading because it stands alone
heading-continues = the heading on line { $line } seems to continue on this line; joined as its title "{ $title }" (expected a blank line after a heading)
paragraph-unfinished = the paragraph ending "…{ $tail }" has no closing punctuation and nothing follows it to join; expected 。 or the rest of the sentence
article-no-paragraphs = the article "{ $title }" has no paragraphs; expected text after its heading

## The parser: the back matter

back-matter-missing = no back matter; expected 送：…, 责任编辑：…, 联系方式：… and 批准文号：… after the last article
back-matter-unlabelled = found "{ $text }" in the back matter; expected a line starting 送：, 责任编辑：, 联系方式： or 批准文号：
contact-unrecognized = found "{ $text }" among the contact details; expected a phone number and an e-mail address
back-matter-no-distribution = the back matter lacks the distribution list (送：…); expected it after the last article
back-matter-no-editors = the back matter lacks the responsible editors (责任编辑：…); expected it after the last article
back-matter-no-phone = the back matter lacks a contact phone number (联系方式：…); expected it after the last article
back-matter-no-email = the back matter lacks a contact e-mail address; expected it after the last article
back-matter-no-approval = the back matter lacks the approval number (批准文号：…); expected it after the last article

## Checks of issue and archive JSON (the JSON path is printed before each)

json-version = found version { $found }; expected { $expected }
json-empty = is empty; expected text
json-zero = is 0; expected a positive number
json-bad-date = found "{ $found }"; expected a real date written YYYY-MM-DD
json-issue-id = found "{ $found }"; expected "{ $expected }" (year-number)
json-county-without-prefecture = is set without a prefecture; expected both
json-no-articles = is empty; expected at least one article
json-id-twice = "{ $id }" is used twice; expected unique ids
json-article-id = found "{ $found }"; expected "{ $expected }"
json-issue-listed-twice = "{ $id }" is listed twice; expected unique ids
json-issue-path = found "{ $found }"; expected "{ $expected }"
json-not-newest-first = is newer than the issue before it; expected newest first
json-region-count = is { $count } but its counties count { $counties }; expected at least their sum
json-problem = { $path }: { $problem }
json-syntax-document = not a valid JSON document: { $reason }
json-syntax-issue = not a valid issue: { $reason }
json-syntax-archive = not a valid archive index: { $reason }

## Reading files

file-cannot-read = cannot read the file: { $reason }
file-too-large = the file is larger than { $mb } MB; expected an issue's text, Word document or JSON, which are well under 1 MB
file-cannot-write-output = cannot write the output: { $reason }
file-cannot-write-json = cannot write JSON: { $reason }
decode-nul = found a NUL byte: this is binary data, not text; expected an issue's text
decode-not-utf8 = found bytes that are not UTF-8; expected UTF-8 text (try --encoding gb18030)
decode-damaged-utf8 = found bytes that are not UTF-8 in text that otherwise is; expected UTF-8 throughout (the file may be damaged, or use --encoding)
decode-neither = found bytes that are neither UTF-8 nor GB18030; expected an issue's text
decode-not-encoding = found bytes that are not { $encoding }; expected text in that encoding
text-is-json = this is JSON, not an issue's text; expected the text exported from the issue's PDF or Word file (check JSON with `lianluo validate`)
converted-invalid = the converted issue is invalid at { $problem }

## Word documents

docx-old-word = this is a Word 97–2003 document (.doc); expected a .docx (in Word: Save As, Word Document)
docx-not-a-zip = this is not a Word document, or the file is incomplete; expected a file saved by Word as .docx
docx-no-body = this zip archive holds no Word document body (word/document.xml); expected a file saved by Word as .docx
docx-text-too-large = the Word document's text unpacks to more than { $mb } MB; a real issue's is under 1 MB, so the file is damaged or not an issue; expected a file saved by Word as .docx
docx-damaged = the Word document is damaged (its text cannot be unpacked or read); expected a file saved by Word as .docx
docx-table-skipped = a table before this paragraph was skipped; expected text only (if it belongs to the issue, write its content as paragraphs)
docx-image-skipped = an image in this paragraph was skipped; expected text only
in-paragraph = paragraph { $paragraph }: { $message }

## PDF files

pdf-cut-off = the PDF ends before its end marker (%%EOF): it is cut off or damaged; expected the whole file (copy or download it again)
pdf-damaged = the PDF cannot be read ({ $reason }); expected a PDF as a word processor or typesetting system saves it
pdf-locked = the PDF is locked with a password; expected an unlocked PDF (open it with its password and save or print it as a new PDF)
pdf-pages-unreadable = the content of { $count ->
    [one] page
   *[other] pages
} { $pages } cannot be read; expected a PDF as a word processor or typesetting system saves it
pdf-pages-scanned = { $count ->
    [one] page { $pages } is an image
   *[other] pages { $pages } are images
} with no text (a scan); expected a PDF with its text, as saved from Word, WPS or the typesetting system (a scan needs OCR first)
pdf-pages-undecodable = the fonts of { $count ->
    [one] page
   *[other] pages
} { $pages } do not say which characters they draw (no /ToUnicode and no known encoding); expected a PDF whose text can be copied (save it again from the source document)
pdf-too-much = the PDF takes more than { $most } characters and drawing operations to read, far more than any issue; expected one issue's PDF
pdf-page-too-large = page { $page } unpacks to more than { $mb } MB, far more than any issue's page; expected one issue's PDF
pdf-no-text = the PDF has no text; expected an issue's PDF as saved from Word, WPS or the typesetting system
pdf-characters-left-out = { $count ->
    [one] a character
   *[other] { $count } characters
} whose font does not say what they are left out; expected text throughout (check this line against the printed issue)
in-page-line = page { $page }, line { $line }: { $message }

## validate

validate-valid-issue = { $file }: valid issue { $id } ({ $articles } articles)
validate-valid-archive = { $file }: valid archive index ({ $issues } issues)

## build

build-archive-not-issue = this is an archive index; expected an issue
build-out-not-folder = exists and is not a folder; expected a site or data folder to replace
build-out-holds-sources = would replace { $dir }, which holds the sources; expected a separate folder
build-out-is-sources = { $dir } is the source folder; replacing it would delete the sources; expected a separate folder
build-out-inside-sources = { $dir } is inside the source folder, where the output would mix with the sources; expected a folder outside it
build-out-not-site = { $dir } holds { $entries } and is not a site or data folder written by lianluo build; replacing it would delete them, so nothing was changed; expected an empty or new folder, or one lianluo build wrote
build-out-entry-separator = {", "}
build-out-entries-more = { $listed } and { $more } more
build-cannot-examine = cannot examine the output folder: { $reason }
build-cannot-list = cannot list the folder: { $reason }
build-no-files = no .txt, .docx, .pdf or .json issue files; expected at least one
build-internal = internal error while reading this part of the archive
build-duplicate-id = issue id { $id } is also the id of { $file }; expected each issue once
build-not-built = { $dir }: not built; the previous folder, if any, is unchanged
build-progress = converting: { $done } of { $files } files
build-fates = { $files } files: { $clean } converted cleanly, { $warned } with warnings, { $left } left out of the site (without --strict, a file that cannot be converted is left out and the others are built):
build-cannot-write = cannot write the data folder (left as it was): { $reason }
build-unchanged = the same as the previous build, byte for byte; nothing to upload
build-search-merged = the search index merged { $merged } earlier segments (their files are all new); { $segments } segments now
build-changes = since the previous build: { $added } files added, { $changed } changed, { $removed } no longer used; { $upload } files to upload, { $size }, listed in { $list }
build-done = { $dir }: built { $issues } issues, { $articles } articles, a static page for each
build-site-done = { $dir }: built a whole site: { $issues } issues, { $articles } articles, { $files } files, { $size }
build-site-upload = To publish: upload everything in { $dir } (its folders included) to one place on the web server or object store; the standalone page is its index.html
build-site-embed = To show the reader on a page the site already has (a CMS page), paste these two lines into it, with /lianluo/ changed to where you uploaded:
build-no-reader = note: this lianluo carries no reader (as when built with cargo directly), so it writes the data folder only, as --data-only does; for a whole site, use the lianluo of a release archive
version-with-reader = { $tool } (carrying reader { $reader })
version-no-reader = { $tool } (no reader carried: build writes data only)
build-no-site-url = { $dir }: note: sitemap.xml and feed.xml left out; --site-url gives the data folder's public address they need
build-bad-site-url = { $url } is not an absolute http(s) address; expected the data folder's address, such as https://example.gov.cn/lianluo/data/

## Usage errors (from the command line)

usage-unknown-command = unknown command '{ $name }'; expected convert, validate, build or serve
usage-unknown-option = unknown option '{ $name }'
usage-bad-value = '{ $value }' is not a value of { $option }; expected one of: { $valid }
usage-missing = missing { $names }
usage-invalid-option = '{ $name }' is not written as expected; see the command's --help
usage-other = invalid usage ({ $reason })
usage-usage = Usage: { $usage }
usage-more = For more, run 'lianluo --help' or 'lianluo COMMAND --help'.

## Help

help-about = Convert 联络动态 issue texts, Word documents and PDFs to JSON, validate them, build the whole site (the reader and the data), and preview it while the issues are edited.
help-convert = Convert an issue's text, Word document or PDF to JSON.
help-validate = Check issue and archive index JSON files.
help-build = Build a whole site from a folder of issues: the reader, its standalone page and the data in data/.
help-input = The issue: its Word document (.docx), its PDF (.pdf) or its text.
help-output = Where to write the JSON (replaced whole, or left untouched on failure); stdout if absent.
help-files = Issue or archive index JSON files.
help-src-dir = Folder of issue Word documents (.docx), PDFs (.pdf), texts (.txt) and issue JSON (.json).
help-out = The site to produce (the data folder, with --data-only): absent, empty or one lianluo build wrote; replaced whole, or left as it was on failure.
help-site-url = The data folder's public address (such as https://example.gov.cn/lianluo/data/): static pages get absolute canonical links, and sitemap.xml and feed.xml are written.
help-reader-script = Where the static pages find the reader's loader, relative to DIR/pages/ (default: ../../lianluo.js, the folder beside the data).
help-data-only = Write the data folder only (index.json, issues/, search/, view/, pages/), for a page (a CMS page) that already loads the reader; no reader, no standalone page.
help-strict = Treat every warning as an error: write nothing unless the texts are clean.
help-encoding = The texts' encoding, when detection (UTF-8, else GB18030) is not wanted: utf-8, gb18030 or gbk.
help-no-cjk-punctuation = Keep half-width , : ; between Chinese characters as printed.
help-lang = The language of messages, zh or en (default: the system's; Chinese unless it asks for English).
help-help = Print help.
help-version = Print version.
help-heading-usage = Usage:{" "}
help-heading-commands = Commands:
help-heading-arguments = Arguments:
help-heading-options = Options:

## serve (preview)

help-serve = Preview the site: build it into a temporary folder and open it in the browser; every save of an issue builds it again and reloads the page, with the problems at its top. Ctrl-C ends it.
help-port = The port to preview on (default 3000; another is chosen when it is taken).
help-no-open = Do not open the browser.
serve-no-folder = not a folder; expected the folder of issues
serve-no-ctrl-c = cannot receive Ctrl-C, so the preview could not clean up when ended: { $reason }
serve-no-work-dir = cannot create the preview's temporary folder: { $reason }
serve-work-dir = the preview's files are kept in { $dir } and removed when it ends
serve-work-dir-left = cannot remove the preview's temporary folder; please delete it: { $reason }
serve-cannot-listen = cannot serve the preview on 127.0.0.1: { $reason }
serve-port-taken = port { $port } is taken; using port { $chosen }
serve-address = Preview at { $url } (open it in a browser; Ctrl-C ends the preview)
serve-no-display = no graphical session, so no browser was opened; open the address above in a browser
serve-no-browser = could not open the browser ({ $reason }); open the address above in a browser
serve-changed = { $file } saved, building again…
serve-watch-failed = cannot watch the folder of issues for changes: { $reason }; run the preview again after editing
serve-build-ok = build { $build } succeeded; the preview page reloads itself
serve-build-failed = build { $build } failed; the preview page still shows the last good build, with the problems at its top
serve-stopped = preview ended; its temporary files are removed
serve-panel-failed = The issues have problems (the page still shows the last good build):
serve-panel-warnings = The issues were built; please check these notes:
serve-panel-hide = Hide
serve-problems-title = The issues have problems and cannot be previewed yet
serve-problems-intro = Fix the issues as the lines below say and save: this page reloads itself.
serve-not-found = No such page: { $path }
serve-not-found-intro = The preview has nothing at this address. Start from the home page, or check the address.
serve-bad-path = an address may not hold "..", "\" or ":": { $path }

## Double click

double-click-about = lianluo is the 联络动态 publishing tool: it turns the issues' Word documents (.docx), PDFs (.pdf) or texts (.txt) into the site, and checks them for problems.
double-click-more = Run "lianluo --help" in a Command Prompt window to see every command.
double-click-prompt = Drag the folder of issues into this window and press Enter to preview it; press Enter alone to quit.
double-click-not-folder = "{ $text }" is not a folder; drag in the folder of issues, or press Enter alone to quit.
double-click-press-enter = Press Enter to close this window.
