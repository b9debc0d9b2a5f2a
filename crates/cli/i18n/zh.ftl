# `lianluo` 的中文消息。这里的每条消息都在 en.ftl 中有对应，占位符相同（由消息目录测试检查）。
# 诊断的说法是“发现了什么；应当是什么”。

## 级别与最后的汇总行

severity-error = 错误
severity-warning = 警告
summary = { $errors } 个错误，{ $warnings } 个警告

## 转换：全文

text-binary = 文件中是二进制数据（含空字节或控制字符），不是文本；应为一期刊物的文本
text-empty = 文本为空；应为一期刊物的文本

## 转换：报头

masthead-no-number = 报头中没有期号；日期之前应有“第N期”一行
masthead-number-zero = 报头中的期号为 0（第0期）；应为第1期或之后
masthead-serial-zero = 报头中的总期号为 0（总第0期）；应为总第1期或之后
masthead-no-date = 报头中没有日期；第一篇文章之前应有日期一行，如“2017年8月30日”
masthead-no-title = 报头中没有刊名；第一行应为“{ $title }”，已按此处理
masthead-no-publisher = 报头中没有编印单位；应有以“编”结尾的一行（…委员会编）
masthead-no-serial = 报头中没有总期号；应有“（总第…期）”
masthead-date-nonexistent = 日期“{ $date }”不存在；应为真实的日期
masthead-second-number = 报头中出现第二个期号（{ $line }）；应只有一个，已保留第一个
masthead-second-serial = 报头中出现第二个总期号（{ $line }）；应只有一个，已保留第一个
masthead-second-publisher = 报头中出现第二个编印单位（{ $line }）；应只有一个，已保留第一个
masthead-second-date = 报头中出现第二个日期（{ $line }）；应只有一个，已保留第一个
masthead-unrecognized = 报头中有无法识别的“{ $line }”；应为刊名、第N期、（总第…期）、编印单位（…编）或日期

## 转换：正文

no-articles = 没有找到文章；报头之后应至少有一行“地区：标题”形式的标题
no-editor-note = 没有编者按；报头之后应有以【编者按】开头的一段
note-without-label = 第一篇文章之前的文字不以【编者按】开头；已作为编者按保留
heading-unknown-region = 文章标题中的地区“{ $region }”无法识别；应为湖南省的市州、县市区或乡镇；已按原样保留
heading-not-a-place = 文章标题中的地区“{ $region }”无法识别；冒号前应为地名（…市、…县、…镇人大）；因其单独成行，已按文章标题处理
heading-continues = 第 { $line } 行的标题似乎延续到本行，已合并为标题“{ $title }”；标题之后应有一个空行
paragraph-unfinished = 以“…{ $tail }”结尾的段落没有句末标点，后面也没有可接续的文字；应补上“。”或句子的其余部分
article-no-paragraphs = 文章“{ $title }”没有正文；标题之后应有正文段落

## 转换：文末

back-matter-missing = 没有文末信息；最后一篇文章之后应有“送：…”“责任编辑：…”“联系方式：…”和“批准文号：…”
back-matter-unlabelled = 文末信息中有无法识别的“{ $text }”；每行应以“送：”“责任编辑：”“联系方式：”或“批准文号：”开头
contact-unrecognized = 联系方式中有无法识别的“{ $text }”；应为电话号码和电子邮箱
back-matter-no-distribution = 文末信息中没有发送范围（送：…）；最后一篇文章之后应有此项
back-matter-no-editors = 文末信息中没有责任编辑（责任编辑：…）；最后一篇文章之后应有此项
back-matter-no-phone = 文末信息中没有联系电话（联系方式：…）；最后一篇文章之后应有此项
back-matter-no-email = 文末信息中没有电子邮箱；最后一篇文章之后应有此项
back-matter-no-approval = 文末信息中没有批准文号（批准文号：…）；最后一篇文章之后应有此项

## 检查刊物与目录的 JSON（每条之前是 JSON 路径）

json-version = 版本为 { $found }；应为 { $expected }
json-empty = 为空；应有文字
json-zero = 为 0；应为正数
json-bad-date = 为“{ $found }”；应为真实的日期，写作 YYYY-MM-DD
json-issue-id = 为“{ $found }”；应为“{ $expected }”（年份-期号）
json-county-without-prefecture = 有县市区而没有市州；两者都应填写
json-no-articles = 为空；应至少有一篇文章
json-id-twice = “{ $id }”用了两次；编号应各不相同
json-article-id = 为“{ $found }”；应为“{ $expected }”
json-issue-listed-twice = “{ $id }”列了两次；编号应各不相同
json-issue-path = 为“{ $found }”；应为“{ $expected }”
json-not-newest-first = 比前一期新；应按从新到旧排列
json-region-count = 为 { $count }，而其下县市区合计 { $counties }；应不少于其合计
json-problem = { $path }：{ $problem }
json-syntax-document = 不是有效的 JSON 文档：{ $reason }
json-syntax-issue = 不是有效的刊物数据：{ $reason }
json-syntax-archive = 不是有效的目录数据：{ $reason }

## 读取文件

file-cannot-read = 无法读取文件：{ $reason }
file-too-large = 文件超过 { $mb } MB；应为一期刊物的文本、Word 文档或 JSON，它们都远小于 1 MB
file-cannot-write-output = 无法写入输出文件：{ $reason }
file-cannot-write-json = 无法生成 JSON：{ $reason }
decode-nul = 发现空字节：这是二进制数据，不是文本；应为一期刊物的文本
decode-not-utf8 = 发现不是 UTF-8 的字节；应为 UTF-8 文本（可试用 --encoding gb18030）
decode-damaged-utf8 = 本是 UTF-8 的文本中有不是 UTF-8 的字节；应全文为 UTF-8（文件可能已损坏，或请用 --encoding 指定编码）
decode-neither = 发现既不是 UTF-8 也不是 GB18030 的字节；应为一期刊物的文本
decode-not-encoding = 发现不是 { $encoding } 的字节；应为该编码的文本
text-is-json = 这是 JSON，不是刊物的文本；应为从刊物的 PDF 或 Word 文件导出的文本（JSON 请用 `lianluo validate` 检查）
converted-invalid = 转换所得的刊物数据在 { $problem } 处无效

## Word 文档

docx-old-word = 这是 Word 97–2003 文档（.doc）；应为 .docx 文件（在 Word 中“另存为”“Word 文档”）
docx-not-a-zip = 这不是 Word 文档，或文件不完整；应为用 Word 保存的 .docx 文件
docx-no-body = 这个压缩包中没有 Word 文档的正文（word/document.xml）；应为用 Word 保存的 .docx 文件
docx-text-too-large = 这个 Word 文档的正文解压后超过 { $mb } MB；真实的一期刊物不到 1 MB，文件可能已损坏或不是刊物；应为用 Word 保存的 .docx 文件
docx-damaged = Word 文档已损坏（其中的文字无法解压或读取）；应为用 Word 保存的 .docx 文件
docx-table-skipped = 本段之前的一个表格已跳过；应只有文字（表格内容如属本期，请改写为段落）
docx-image-skipped = 本段中的一张图片已跳过；应只有文字
in-paragraph = 第 { $paragraph } 段：{ $message }

## PDF 文件

pdf-cut-off = PDF 在结束标记（%%EOF）之前就结束了：文件不完整或已损坏；应为完整的文件（请重新复制或下载）
pdf-damaged = 无法读取此 PDF（{ $reason }）；应为文字处理或排版系统保存的 PDF
pdf-locked = 此 PDF 设有密码；应为未加密的 PDF（请用密码打开后另存或打印为新的 PDF）
pdf-pages-unreadable = 有 { $count } 页（第 { $pages } 页）的内容无法读取；应为文字处理或排版系统保存的 PDF
pdf-pages-scanned = 有 { $count } 页（第 { $pages } 页）只有图像、没有文字（扫描件）；应为带文字的 PDF，即从 Word、WPS 或排版系统保存的 PDF（扫描件需先做文字识别）
pdf-pages-undecodable = 有 { $count } 页（第 { $pages } 页）所用的字体没有说明所画的是哪些字（既无 /ToUnicode，也不是已知编码）；应为文字可以复制的 PDF（请从原文档重新保存）
pdf-too-much = 读取此 PDF 需要处理超过 { $most } 个字和绘图操作，远多于任何一期刊物；应为一期刊物的 PDF
pdf-page-too-large = 第 { $page } 页解压后超过 { $mb } MB，远多于任何一期刊物的一页；应为一期刊物的 PDF
pdf-no-text = 此 PDF 中没有文字；应为从 Word、WPS 或排版系统保存的一期刊物 PDF
pdf-characters-left-out = 有 { $count } 个字的字体没有说明是什么字，已略去；应全部是文字（请对照印刷版核对这一行）
in-page-line = 第 { $page } 页第 { $line } 行：{ $message }

## validate（检查）

validate-valid-issue = { $file }：刊物数据有效，{ $id }（{ $articles } 篇文章）
validate-valid-archive = { $file }：目录数据有效（{ $issues } 期）

## build（生成）

build-archive-not-issue = 这是目录数据；应为一期刊物
build-out-not-folder = 已存在且不是文件夹；应为要替换的网站或数据文件夹
build-out-holds-sources = 将会替换存放源文件的 { $dir }；应另选一个文件夹
build-out-is-sources = { $dir } 就是源文件所在的文件夹，替换它会删除源文件；应另选一个文件夹
build-out-inside-sources = { $dir } 位于源文件所在的文件夹之内，生成的数据会与源文件混在一起；应选该文件夹之外的文件夹
build-out-not-site = { $dir } 中有 { $entries }，不是 lianluo build 生成的网站或数据文件夹；替换它会删除这些内容，因此未作任何改动；应选一个空的或新的文件夹，或 lianluo build 生成过的文件夹
build-out-entry-separator = 、
build-out-entries-more = { $listed } 等（另有 { $more } 项）
build-cannot-examine = 无法查看输出文件夹：{ $reason }
build-cannot-list = 无法列出文件夹内容：{ $reason }
build-no-files = 没有 .txt、.docx、.pdf 或 .json 刊物文件；应至少有一个
build-internal = 读取这部分刊物时发生内部错误
build-duplicate-id = 期号 { $id } 与 { $file } 相同；每期应只有一个文件
build-not-built = { $dir }：未生成；原有文件夹（如有）保持不变
build-progress = 正在转换：{ $done }/{ $files } 个文件
build-fates = 共 { $files } 个文件：{ $clean } 个顺利转换，{ $warned } 个有警告，{ $left } 个未收入网站（不加 --strict 时，无法转换的文件不收入，其余照常生成）：
build-cannot-write = 无法写入数据文件夹（已保持原样）：{ $reason }
build-unchanged = 与上次生成的完全相同，无需上传
build-search-merged = 搜索索引合并了 { $merged } 个旧分段（其文件都已换新），现共 { $segments } 个分段
build-changes = 与上次生成的相比：新增 { $added } 个文件，修改 { $changed } 个，不再使用 { $removed } 个；需上传 { $upload } 个文件，共 { $size }，清单见 { $list }
build-done = { $dir }：已生成 { $issues } 期，{ $articles } 篇文章，每期一个静态页面
build-site-done = { $dir }：已生成完整网站：{ $issues } 期，{ $articles } 篇文章，共 { $files } 个文件，{ $size }
build-site-upload = 发布：把 { $dir } 中的全部内容（连同其中的文件夹）上传到网站服务器或对象存储的同一位置即可；独立页面是其中的 index.html
build-site-embed = 要在网站已有的页面（如 CMS 页面）中显示阅读器，在该页面中粘贴下面两行，并把 /lianluo/ 改为上传的位置：
build-no-reader = 提示：这个 lianluo 没有附带阅读器（直接用 cargo 编译时如此），因此只生成数据文件夹，与 --data-only 相同；要生成完整网站，请用发布包中的 lianluo
version-with-reader = { $tool }（附带阅读器 { $reader }）
version-no-reader = { $tool }（未附带阅读器：build 只生成数据文件夹）
build-no-site-url = { $dir }：提示：未生成 sitemap.xml 和 feed.xml；需要用 --site-url 给出数据文件夹的公开网址
build-bad-site-url = “{ $url }”不是以 http:// 或 https:// 开头的完整网址；应为数据文件夹的网址，如 https://example.gov.cn/lianluo/data/

## 命令行用法错误

usage-unknown-command = 没有“{ $name }”这个命令；应为 convert、validate、build 或 serve
usage-unknown-option = 没有“{ $name }”这个选项
usage-bad-value = “{ $value }”不是 { $option } 可取的值；应为以下之一：{ $valid }
usage-missing = 缺少 { $names }
usage-invalid-option = “{ $name }”的写法有误；请查看该命令的 --help
usage-other = 命令写法有误（{ $reason }）
usage-usage = 用法：{ $usage }
usage-more = 详细说明请运行“lianluo --help”或“lianluo 命令 --help”。

## 帮助

help-about = 把《联络动态》各期的文本、Word 文档或 PDF 转换为 JSON，检查数据，生成整个网站（阅读器和数据），并可边改边预览。
help-convert = 把一期刊物的文本、Word 文档或 PDF 转换为 JSON。
help-validate = 检查刊物和目录的 JSON 文件。
help-build = 从存放各期刊物的文件夹生成整个网站：阅读器、独立页面和 data/ 中的数据。
help-input = 一期刊物：Word 文档（.docx）、PDF（.pdf）或文本。
help-output = JSON 的输出文件（整体替换；失败时原文件不变）；不指定则输出到屏幕。
help-files = 刊物或目录的 JSON 文件。
help-src-dir = 存放各期 Word 文档（.docx）、PDF（.pdf）、文本（.txt）和 JSON（.json）的文件夹。
help-out = 要生成的网站文件夹（用 --data-only 时为数据文件夹）：不存在、为空或由 lianluo build 生成过；整体替换，失败时保持原样。
help-site-url = 数据文件夹的公开网址（如 https://example.gov.cn/lianluo/data/）：静态页面使用完整的规范链接，并生成 sitemap.xml 和 feed.xml。
help-reader-script = 静态页面引用阅读器加载脚本的地址，相对于 DIR/pages/（默认 ../../lianluo.js，即数据文件夹旁的阅读器）。
help-data-only = 只生成数据文件夹（index.json、issues/、search/、view/、pages/），供已经加载阅读器的页面（如 CMS 页面）使用；不写阅读器和独立页面。
help-strict = 把每个警告都当作错误：文本完全无误才写出结果。
help-encoding = 文本的编码，不用自动识别（先 UTF-8，再 GB18030）时指定：utf-8、gb18030 或 gbk。
help-no-cjk-punctuation = 中文之间的半角 , : ; 保持原样，不改为全角。
help-lang = 消息的语言，zh（中文）或 en（英文）；默认跟随系统：除非系统要求英文，否则为中文。
help-help = 显示帮助。
help-version = 显示版本。
help-heading-usage = 用法：
help-heading-commands = 命令：
help-heading-arguments = 参数：
help-heading-options = 选项：

## serve（预览）

help-serve = 预览网站：生成到临时文件夹并在浏览器中打开；稿件保存后自动重新生成，页面自动刷新，问题显示在页面顶部。按 Ctrl-C 结束。
help-port = 预览使用的端口（默认 3000；已被占用时自动另选一个）。
help-no-open = 不自动打开浏览器。
serve-no-folder = 不是文件夹；应为存放稿件的文件夹
serve-no-ctrl-c = 无法接收 Ctrl-C，预览结束时将无法清理：{ $reason }
serve-no-work-dir = 无法创建预览用的临时文件夹：{ $reason }
serve-work-dir = 预览生成的文件暂存于 { $dir }，结束时删除
serve-work-dir-left = 无法删除预览用的临时文件夹，请手动删除：{ $reason }
serve-cannot-listen = 无法在本机 127.0.0.1 上提供预览：{ $reason }
serve-port-taken = 端口 { $port } 已被占用，改用端口 { $chosen }
serve-address = 预览地址：{ $url }（请在浏览器中打开；按 Ctrl-C 结束预览）
serve-no-display = 没有图形界面，未打开浏览器；请在有浏览器的电脑上打开上面的地址
serve-no-browser = 未能打开浏览器（{ $reason }）；请在浏览器中打开上面的地址
serve-changed = { $file } 已保存，正在重新生成……
serve-watch-failed = 无法监视稿件文件夹的变化：{ $reason }；修改后请重新运行预览
serve-build-ok = 第 { $build } 次生成成功，预览页面将自动刷新
serve-build-failed = 第 { $build } 次生成失败；预览页面仍显示上一次成功生成的版本，问题显示在页面顶部
serve-stopped = 预览已结束，临时文件已删除
serve-panel-failed = 稿件有问题（页面仍显示上一次成功生成的版本）：
serve-panel-warnings = 稿件已生成，请核对以下提示：
serve-panel-hide = 收起
serve-problems-title = 稿件有问题，还不能预览
serve-problems-intro = 请按下列提示修改稿件并保存，本页会自动刷新。
serve-not-found = 找不到这个页面：{ $path }
serve-not-found-intro = 预览中没有这个地址。请从首页进入，或检查地址是否写错。
serve-bad-path = 地址中不能有“..”、“\”或“:”：{ $path }

## 双击启动

double-click-about = lianluo 是《联络动态》的发布工具：把各期的 Word 文档（.docx）、PDF（.pdf）或文本（.txt）生成网站，并检查其中的问题。
double-click-more = 在命令提示符窗口中运行“lianluo --help”可查看全部命令。
double-click-prompt = 请把存放稿件的文件夹拖到这个窗口里，然后按回车键，即可预览；直接按回车键退出。
double-click-not-folder = “{ $text }”不是文件夹；请拖入存放稿件的文件夹，或直接按回车键退出。
double-click-press-enter = 按回车键关闭这个窗口。
