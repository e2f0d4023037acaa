"""The one text catalogue: every word the generated pages, charts and feeds use, in Vietnamese (first) and English,
looked up with t(lang, key, **fields) or label(TABLE, key, lang). tests/test_text_catalogue.py checks that every entry
has both languages with the same {field} places, and that no page module chooses between two texts by language."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "site_name": "Trẻ em Ninh Thuận 2021–2030",
        "home": "Trang chủ", "goal": "Mục tiêu", "goals": "Mục tiêu", "indicator": "Chỉ tiêu", "indicators": "Chỉ tiêu",
        "datasets": "Bộ dữ liệu", "dataset": "Bộ dữ liệu", "areas": "Địa bàn", "area": "Địa bàn",
        "coverage": "Độ bao phủ dữ liệu", "updates": "Mới cập nhật", "problem_codes": "Mã lỗi dữ liệu",
        "status": "Tình trạng", "latest": "Giá trị mới nhất", "target_2025": "Mục tiêu 2025", "target_2030": "Mục tiêu 2030",
        "unit": "Đơn vị", "direction": "Xu hướng mong muốn", "baseline": "Giá trị gốc", "sources": "Nguồn", "source": "Nguồn",
        "notes": "Ghi chú", "verification": "Mức xác minh", "last_updated": "Cập nhật lần cuối", "download": "Tải dữ liệu",
        "year": "Năm", "value": "Giá trị", "series": "Chuỗi số liệu", "kind": "Loại", "observed": "Số liệu",
        "target": "Mức mục tiêu", "scope": "Phạm vi", "national": "Toàn quốc", "none": "Chưa có",
        "no_data": "Chưa có số liệu", "chart": "Biểu đồ", "data_table": "Bảng số liệu",
        "wording": "Lời văn của chỉ tiêu (nguyên văn của nguồn, kể cả cách viết số)", "definition": "Định nghĩa",
        "interactive": "Xem biểu đồ tương tác", "size": "Dung lượng", "fields": "Các cột", "licence": "Giấy phép",
        "field": "Cột", "type": "Kiểu", "description": "Mô tả", "resources": "Tệp dữ liệu", "version": "Phiên bản",
        "rows": "Số dòng", "how_computed": "Cách tính", "progress": "Tiến độ",
        "see_all": "Xem tất cả", "indicator_n": "Chỉ tiêu {id}", "goal_n": "Mục tiêu {id}",
        "merger_note": "Từ 1/7/2025 tỉnh Ninh Thuận hợp nhất với tỉnh Khánh Hòa thành tỉnh Khánh Hòa (mã 56) theo Nghị quyết 202/2025/QH15; đơn vị hành chính cấp huyện kết thúc hoạt động (Nghị quyết 203/2025/QH15). Số liệu từ thời điểm này (nếu có) là của tỉnh Khánh Hòa mới, chia theo đơn vị hành chính cấp xã. Các nghị quyết này chỉ được biết qua nguồn thứ cấp.",
        "valid": "Hiệu lực", "level": "Cấp", "parent": "Thuộc", "successor": "Đơn vị kế thừa", "units_below": "Đơn vị trực thuộc có trong bộ dữ liệu",
        "doubtful_target": "còn nghi vấn, không dùng để so sánh",
        "provisional_target": "tạm thời, chỉ biết qua nguồn thứ cấp",
        "conflict": "các nguồn mâu thuẫn", "provisional_value": "số sơ bộ",
        "progress_inputs": "Số liệu dùng để đánh giá", "assessed_on": "Đánh giá theo",
        "cite": "Trích dẫn", "reuse": "Dùng lại", "indicators_with_data": "Chỉ tiêu có số liệu",
        "all_indicators": "Tất cả 24 chỉ tiêu (35 chỉ tiêu con)", "data_for": "Số liệu",
        "related_series": "Chuỗi liên quan (định nghĩa khác, không dùng đánh giá tiến độ)",
        "compared_with": "so với", "from": "từ", "to": "đến", "no_chart": "Chưa có số liệu để vẽ biểu đồ.",
        "years_with_data": "Các năm có số liệu", "areas_with_data": "Địa bàn có số liệu",
        "gap_summary": "{n} trong {total} chỉ tiêu con chưa có bất kỳ số liệu nào; không có số liệu Ninh Thuận nào sau năm {year}.",
        "switch_language": "English", "property": "Thông tin", "name": "Tên", "title": "Tiêu đề",
        "compared_target": "So sánh với", "used_for_comparison": "dùng để so sánh",
        "corroborated_by": "đối chiếu với", "no_target_yet": "Chưa có mức mục tiêu.",
        "doubt_unexplained": "chưa ghi lý do", "target_notes": "Ghi chú về các mức mục tiêu", "targets": "Mức mục tiêu",
        "according_to": "theo", "no_usable_value": "Chưa có giá trị dùng được (chỉ có số từ nguồn có độ tin cậy thấp, không rõ năm hoặc của địa bàn khác)", "wording_source": "Nguồn của lời văn", "range_not_used": "là một khoảng, không dùng để so sánh", "latest_rule": "Giá trị mới nhất theo cùng một quy tắc cho mọi trang: không dùng số từ bản sao có độ tin cậy thấp, số không rõ năm hay không rõ thuộc chuỗi nào; khi các nguồn mâu thuẫn, nêu cả hai.", "value_notes": "Ghi chú về từng giá trị", "value_notes_quoted": "Ghi chú về từng giá trị và nguyên văn của nguồn",
    },
    "en": {
        "site_name": "Children of Ninh Thuận 2021–2030",
        "home": "Home", "goal": "Goal", "goals": "Goals", "indicator": "Indicator", "indicators": "Indicators",
        "datasets": "Datasets", "dataset": "Dataset", "areas": "Areas", "area": "Area",
        "coverage": "Data coverage", "updates": "What's new", "problem_codes": "Data problem codes",
        "status": "Status", "latest": "Latest value", "target_2025": "2025 target", "target_2030": "2030 target",
        "unit": "Unit", "direction": "Which way is better", "baseline": "Baseline", "sources": "Sources", "source": "Source",
        "notes": "Notes", "verification": "Verification", "last_updated": "Last updated", "download": "Download the data",
        "year": "Year", "value": "Value", "series": "Series", "kind": "Kind", "observed": "Observed",
        "target": "Target", "scope": "Scope", "national": "National", "none": "None yet",
        "no_data": "No data yet", "chart": "Chart", "data_table": "Data table",
        "wording": "The indicator's wording (Vietnamese, as printed in the source, numbers included)", "definition": "Definition",
        "interactive": "Open the interactive chart", "size": "Size", "fields": "Columns", "licence": "Licence",
        "field": "Column", "type": "Type", "description": "Description", "resources": "Data files", "version": "Version",
        "rows": "Rows", "how_computed": "How it is computed", "progress": "Progress",
        "see_all": "See all", "indicator_n": "Indicator {id}", "goal_n": "Goal {id}",
        "merger_note": "From 1 July 2025 Ninh Thuận and Khánh Hòa merged into Khánh Hòa province (code 56) under Resolution 202/2025/QH15; district-level administrative units ended (Resolution 203/2025/QH15). Figures from that date (where there are any) are for the new Khánh Hòa, by commune-level unit. These resolutions are known from secondary sources only.",
        "valid": "Valid", "level": "Level", "parent": "Part of", "successor": "Successor", "units_below": "Units below it in this dataset",
        "doubtful_target": "doubtful, not used for comparison",
        "provisional_target": "provisional, known only from a secondary source",
        "conflict": "sources disagree", "provisional_value": "preliminary",
        "progress_inputs": "Figures used for the assessment", "assessed_on": "Assessed on",
        "cite": "Cite", "reuse": "Reuse", "indicators_with_data": "Indicators with data",
        "all_indicators": "All 24 indicators (35 sub-indicators)", "data_for": "Data",
        "related_series": "Related series (different definition, not used for progress)",
        "compared_with": "against", "from": "from", "to": "to", "no_chart": "No data to chart yet.",
        "years_with_data": "Years with data", "areas_with_data": "Areas with data",
        "gap_summary": "{n} of {total} sub-indicators have no data at all; no Ninh Thuận value after {year} was found.",
        "switch_language": "Tiếng Việt", "property": "Property", "name": "Name", "title": "Title",
        "compared_target": "Compared with", "used_for_comparison": "used for comparison",
        "corroborated_by": "corroborated by", "no_target_yet": "No target yet.",
        "doubt_unexplained": "no reason recorded", "target_notes": "Notes on the targets", "targets": "Targets",
        "according_to": "according to", "no_usable_value": "No usable value yet (only figures from low-trust sources, of uncertain year or of other areas)", "wording_source": "Source of the wording", "range_not_used": "a range, not used for comparison", "latest_rule": "The latest value follows one rule on every page: never a figure from a low-trust copy, of uncertain year or of unclear series; where sources disagree, both are given.", "value_notes": "Notes on each value", "value_notes_quoted": "Notes on each value and the source's own words",
    },
}

# Further words of the pages, each with both languages side by side, grouped by the page (or part) that says them.
# `{field}` places are filled by t(lang, key, field=…); numbers are formatted by scripts/fmt.py before they come in.
# t() reads STRINGS and PAGE_TEXT as one catalogue: a key is in only one of them.
PAGE_TEXT: dict[str, dict[str, str]] = {
    # words of several pages
    "and": {"vi": "và", "en": "and"},
    "code": {"vi": "Mã", "en": "Code"},
    "meaning": {"vi": "Ý nghĩa", "en": "Meaning"},
    "methodology": {"vi": "Phương pháp", "en": "Methodology"},
    "viet_nam": {"vi": "Việt Nam", "en": "Viet Nam"},
    # home page (scripts/pages.py home, spark)
    "home_intro": {
        "vi": "Trang này theo dõi Chương trình hành động quốc gia vì trẻ em 2021–2030 ([Quyết định 23/QĐ-TTg]"
              "({documents})) tại tỉnh Ninh Thuận (Kế hoạch 861/KH-UBND), nay thuộc tỉnh Khánh Hòa. ",
        "en": "This site follows the National Action Programme for Children 2021–2030 ([Decision 23/QĐ-TTg]"
              "({documents})) in Ninh Thuận province (Plan 861/KH-UBND), now part of Khánh Hòa. "},
    "home_description": {
        "vi": "Theo dõi {n} chỉ tiêu của Chương trình hành động quốc gia vì trẻ em 2021–2030 tại Ninh Thuận.",
        "en": "Monitoring the {n} indicators of the National Action Programme for Children 2021–2030 in Ninh Thuận."},
    "open_data_api": {"vi": "Dữ liệu mở và API", "en": "Open data and API"},
    "years_not_drawn": {"vi": "năm {years} không vẽ vì các nguồn mâu thuẫn", "en": "{years} not drawn: sources disagree"},
    "n_indicators": {"vi": "{n} chỉ tiêu", "en": "{n} indicators"},
    "one_indicator": {"vi": "{n} chỉ tiêu", "en": "{n} indicator"},
    "n_sub_indicators": {"vi": "{n} chỉ tiêu con", "en": "{n} sub-indicators"},
    "figures_for": {"vi": "Có số liệu cho {n} trong {total} chỉ tiêu con, {in_province} trong đó là số của chính Ninh "
                          "Thuận",
                    "en": "There are figures for {n} of {total} sub-indicators, {in_province} of them for Ninh Thuận "
                          "itself"},
    "latest_in": {"vi": "mới nhất năm {year}", "en": "the latest for {year}"},
    "no_figure_count": {"vi": "{n} chỉ tiêu con chưa có số liệu nào", "en": "{n} sub-indicators have no figure at all"},
    "none_assessable": {"vi": "chưa chỉ tiêu con nào đủ số liệu chính thức để đánh giá tiến độ",
                        "en": "none has enough official data to assess progress"},
    "not_assessable": {"vi": "{n} chỉ tiêu con chưa đủ số liệu chính thức để đánh giá tiến độ",
                       "en": "{n} do not have enough official data to assess progress"},
    # what's new (scripts/pages.py updates)
    "atom_feed_link": {"vi": "Nguồn cấp Atom", "en": "Atom feed"},
    # goal pages and the list of indicators
    "goal_method": {
        "vi": "Giá trị mới nhất, mức mục tiêu dùng để so sánh và tình trạng theo [phương pháp đã công bố]({method}).",
        "en": "The latest value, the target it is compared with and the status follow the [published method]"
              "({method})."},
    "filter_all": {"vi": "Tất cả", "en": "All"},
    "filter_with_data": {"vi": "Có số liệu", "en": "With data"},
    "filter_shown": {"vi": "Đang hiện {n} trong {total} chỉ tiêu con", "en": "Showing {n} of {total} sub-indicators"},
    "indicators_intro": {
        "vi": "Danh sách đầy đủ, theo thứ tự của Quyết định 23/QĐ-TTg. Mỗi chỉ tiêu con ghi giá trị mới nhất và tình "
              "trạng; bấm vào tên để xem số liệu, mức mục tiêu và nguồn.",
        "en": "The full list, in the order of Decision 23/QĐ-TTg. Each sub-indicator gives its latest value and "
              "status; follow its name for the data, the targets and the sources."},
    # indicator pages
    "doubtful_target_title": {"vi": "Mức mục tiêu còn nghi vấn", "en": "Doubtful target"},
    "doubtful_target_body": {
        "vi": "{what}: {why}. Trang web không dùng các giá trị này để so sánh hay đánh giá tiến độ.",
        "en": "{what}: {why}. The site does not use these values for comparisons or progress."},
    "all_observations": {"vi": "Toàn bộ số liệu quan sát", "en": "All observations"},
    "all_targets": {"vi": "Toàn bộ các mức mục tiêu", "en": "All targets"},
    "this_indicator_data": {"vi": "số liệu của chỉ tiêu này", "en": "this indicator’s data"},
    "ranked_intro": {
        "vi": "{n} địa bàn có số liệu năm {year}; bảng dưới đây là {top} địa bàn tốt nhất và {top} địa bàn kém nhất "
              "(giá trị trung bình của nam và nữ khi không có số chung). Mọi dòng có trong tệp CSV của chỉ tiêu.",
        "en": "{n} areas have data for {year}; below are the best {top} and the worst {top} (the mean of female and "
              "male where there is no total). Every row is in the indicator's CSV file."},
    "cagr_observed": {"vi": "CAGR quan sát", "en": "CAGR observed"},
    "cagr_required": {"vi": "CAGR cần thiết", "en": "CAGR required"},
    # chart pages (scripts/pages.py chart_page) and the charts (scripts/charts.py)
    "download_chart": {"vi": "Tải biểu đồ", "en": "Download the chart"},
    "png_for_phones": {"vi": "PNG cho điện thoại", "en": "PNG for phones"},
    "embed_chart": {"vi": "Nhúng biểu đồ vào trang khác", "en": "Embed this chart"},
    "paste_code": {"vi": "Dán đoạn mã này vào trang của bạn", "en": "Paste this code into your page"},
    "credit_when_reusing": {"vi": "Khi dùng lại, hãy ghi công", "en": "When reusing, credit"},
    "own_definition": {"vi": "định nghĩa riêng", "en": "own definition"},
    "areas_band": {"vi": "10–90% địa bàn", "en": "10th–90th percentile of areas"},
    "areas_median": {"vi": "Trung vị các địa bàn", "en": "Median of areas"},
    # dataset pages and the list of datasets
    "excel_template": {"vi": "Mẫu Excel để cập nhật", "en": "Excel template for updates"},
    "template_guide": {"vi": "hướng dẫn trong CONTRIBUTING.md", "en": "see CONTRIBUTING.md"},
    "zip_holds": {
        "vi": "Tệp ZIP gồm các tệp CSV, datapackage.json, README.md và giấy phép. datapackage.json ghi dung lượng "
              "(`bytes`) và mã băm sha256 (`hash`) của từng tệp CSV để kiểm tra tệp tải về còn nguyên vẹn. ",
        "en": "The ZIP holds the CSV files, datapackage.json, README.md and the licence. datapackage.json gives the "
              "size (`bytes`) and sha256 (`hash`) of each CSV file, to check a download is intact. "},
    "how_to_use": {"vi": "Cách dùng", "en": "How to use them"},
    "large_tables_note": {
        "vi": "Bảng lớn hơn {mb} MB ({limit} byte) được công bố dạng CSV nén gzip (`.csv.gz`) và dạng Parquet thay cho "
              "tệp CSV thường; datapackage.json ghi tệp `.csv.gz` cùng dung lượng và mã băm sha256 của nó, và ghi tệp "
              "Parquet với dung lượng, mã băm riêng. Tệp ZIP chứa nguyên tệp `.csv.gz`, không chứa tệp Parquet (cùng "
              "các dòng số liệu đó). ",
        "en": "Tables above {mb} MB ({limit} bytes) are published as gzip-compressed CSV (`.csv.gz`) and as Parquet "
              "instead of a plain CSV file; datapackage.json names the `.csv.gz` file, with its size and sha256, and "
              "lists the Parquet file with its own. The ZIP holds the `.csv.gz` file as it is, not the Parquet file, "
              "which has the same rows. "},
    "stable_address": {"vi": "Địa chỉ cố định", "en": "Stable address"},
    "dataset_changelog": {"vi": "Nhật ký thay đổi", "en": "Changelog"},
    "all_data_zip": {"vi": "Tất cả dữ liệu (ZIP)", "en": "All data (ZIP)"},
    "dcat_catalogue": {"vi": "Danh mục DCAT", "en": "DCAT catalogue"},
    # area pages
    "ended_in_year": {"vi": "hết hiệu lực năm {year}, chưa rõ ngày", "en": "ended in {year}, day not known"},
    "ended_no_date": {"vi": "đã hết hiệu lực, chưa rõ ngày", "en": "ended, date not known"},
    "valid_now": {"vi": "nay", "en": "now"},
    "reorganisation_2025": {"vi": "Sắp xếp đơn vị hành chính 2025", "en": "The 2025 reorganisation"},
    # data coverage
    "coverage_intro": {
        "vi": "Mỗi ô cho biết khoảng năm có số liệu (và số năm). **{empty} trong {total} chỉ tiêu con chưa có số liệu "
              "nào.** Ô “—” là chưa có số liệu, không phải bằng 0.",
        "en": "Each cell gives the years with data (and how many). **{empty} of {total} sub-indicators have no data "
              "at all.** A “—” means no data, not zero."},
    # problem codes
    "problem_codes_intro": {
        "vi": "Khi kiểm tra dữ liệu (`python -m scripts validate`, hoặc tự động trong pull request), mỗi lỗi có một mã "
              "cố định dưới đây, vị trí (bộ dữ liệu, tệp, dòng, cột) và cách sửa. Trang này được sinh từ mã nguồn nên "
              "luôn khớp với trình kiểm tra.",
        "en": "When data is validated (`python -m scripts validate`, or automatically in a pull request), every problem "
              "has one of the stable codes below, a location (dataset, file, row, column) and a hint. This page is "
              "generated from the code, so it always matches the validator."},
    "group": {"vi": "Nhóm", "en": "Group"},
    "how_to_fix": {"vi": "Cách sửa", "en": "How to fix"},
    # sentences about an indicator (scripts/wording.py)
    "since_day": {"vi": "từ {day}", "en": "from {day}"},
    "in_year": {"vi": "năm {year}", "en": "{year}"},
    "reaches_level": {"vi": "đạt {number}", "en": "{number}"},  # English says the level alone: "Compared with: 100%"
    "by_source": {"vi": "theo {source}", "en": "{source}"},
    "target_national_year": {"vi": "Mục tiêu {year} toàn quốc", "en": "National {year} target"},
    "target_area_year": {"vi": "Mục tiêu {year} của {scope}", "en": "The {year} target of {scope}"},
    "target_national_period": {"vi": "Mục tiêu cả giai đoạn toàn quốc (văn bản không nêu năm)",
                               "en": "National target for the whole period (no year stated)"},
    "target_area_period": {"vi": "Mục tiêu cả giai đoạn của {scope} (văn bản không nêu năm)",
                           "en": "The target of {scope} for the whole period (no year stated)"},
    "set_by_document": {"vi": "theo {document}", "en": "{document}"},
    "doubtful_national_targets": {"vi": "Mục tiêu toàn quốc năm {years}", "en": "The national target for {years}"},
    "doubtful_area_targets": {"vi": "Mục tiêu của {scope} năm {years}", "en": "The target of {scope} for {years}"},
    "gap_above": {"vi": "cao hơn mức mục tiêu {amount}", "en": "{amount} above the target"},
    "gap_below": {"vi": "thấp hơn mức mục tiêu {amount}", "en": "{amount} below the target"},
    "gap_none": {"vi": "bằng mức mục tiêu", "en": "equal to the target"},
    "gap_not_assessed": {"vi": ", nhưng không dùng để đánh giá tiến độ{why}",
                         "en": ", but it is not used to assess progress{why}"},
    "gap_sentence": {"vi": "{head}; giá trị năm {year} {relation}{unused}.",
                     "en": "{head}; the {year} value is {relation}{unused}."},
    # 'năm 2016' after a unit that ends in 'năm' ('% mỗi năm') would read 'mỗi năm năm 2016': 'vào năm 2016'
    "year_word": {"vi": "năm", "en": "in"},
    "year_word_after_nam": {"vi": "vào năm", "en": "in"},
    "trend_rose": {"vi": "tăng từ {a} {in_year} {first} lên {b} {in_year} {last}",
                   "en": "rose from {a} {in_year} {first} to {b} {in_year} {last}"},
    "trend_fell": {"vi": "giảm từ {a} {in_year} {first} xuống {b} {in_year} {last}",
                   "en": "fell from {a} {in_year} {first} to {b} {in_year} {last}"},
    "trend_steady": {"vi": "giữ ở mức {b} từ năm {first} đến năm {last}", "en": "stayed at {b} from {first} to {last}"},
    "percentage_points": {"vi": "điểm phần trăm", "en": "percentage points"},
    "no_data_for": {"vi": "Chưa có số liệu cho chỉ tiêu “{name}”.", "en": "There is no data yet for “{name}”."},
    "target_not_used": {"vi": "Giá trị mục tiêu không được dùng: {why}.", "en": "The target value is not used: {why}."},
    # the page on release files (scripts/release_pages.py schema_page)
    "releases_intro_schema": {
        "vi": "Mỗi bộ dữ liệu có nhiều phiên bản. Một phiên bản là trạng thái của thư mục bộ dữ liệu tại commit mà số "
              "version trong datapackage.json thay đổi; trang web đọc các phiên bản trước từ lịch sử git của kho mã, "
              "không sao chép tệp. Mỗi phiên bản có một địa chỉ cố định, /data/<bộ dữ liệu>/<phiên bản>/, với "
              "datapackage.json, các tệp CSV, tệp ZIP, tệp SHA256SUMS và changes.json: những gì đã thay đổi so với "
              "phiên bản trước.",
        "en": "Every dataset has releases. A release is the state of the dataset's folder at the commit where the "
              "version in its datapackage.json changed; the site reads earlier releases from the repository's git "
              "history, without copying files. Every release has a stable address, /data/<dataset>/<version>/, with "
              "datapackage.json, the CSV files, a ZIP, a SHA256SUMS file and changes.json: what changed since the "
              "previous release."},
    "release_matching_rules": {
        "vi": "Các dòng được nối giữa hai phiên bản theo khóa chính của bảng (primaryKey). Bảng số liệu quan sát không "
              "có khóa chính được nối theo các cột xác định một số liệu (mọi cột không phải thuộc tính của giá trị, "
              "như quy tắc chống trùng dòng). Bảng không có khóa, hoặc có khóa lặp lại hay khóa đã đổi đến mức không "
              "nối được, được so cả dòng trên các cột có ở cả hai phiên bản. Hai số bằng nhau (12.10 và 12.1) không "
              "phải là thay đổi.",
        "en": "Rows are matched between two releases by the table's primary key (primaryKey). A table of observations "
              "without one is matched by the columns that identify a value (every column that is not an attribute of "
              "the value, as in the duplicate rule). A table without a key, or whose key repeats or changed so that "
              "rows cannot be matched, is compared by whole rows on the columns both releases have. Two equal numbers "
              "(12.10 and 12.1) are not a change."},
    "each_item_as": {"vi": "mỗi phần tử như {name}", "en": "each item as {name}"},
    "json_schema_link": {"vi": "Lược đồ JSON (JSON Schema 2020-12): [changes.schema.json]({schema}). ",
                         "en": "JSON Schema (2020-12): [changes.schema.json]({schema}). "},
    "every_field": {"vi": "Mọi trường:", "en": "Every field:"},
    "field_name": {"vi": "Trường", "en": "Field"},
    # an indicator's Atom feed and the pull-request comment (scripts/release_pages.py indicator_feed, pr_report)
    "indicator_changes_feed": {"vi": "{indicator}: {name} — thay đổi", "en": "{indicator}: {name} — changes"},
    "pr_changes": {"vi": "Thay đổi so với nhánh gốc", "en": "Changes against the base branch"},
    "pr_by_indicator": {"vi": "Theo chỉ tiêu (như trang web sẽ hiện)",
                        "en": "By indicator (as the site will show them)"},
    # the citation block (scripts/markdown.py citation_block)
    "no_year": {"vi": "không rõ năm", "en": "n.d."},
    "data_set": {"vi": "Bộ dữ liệu", "en": "Data set"},
    "version_n": {"vi": "phiên bản {version}", "en": "version {version}"},
    "accessed_on": {"vi": "truy cập ngày …", "en": "accessed …"},
    "licence_notice": {
        "vi": "Giấy phép: {licence}. Bạn được tự do chia sẻ và dùng lại, kể cả cho mục đích thương mại, miễn là ghi công "
              "như trên và ghi nguồn gốc của từng số liệu (cột nguồn).",
        "en": "Licence: {licence}. You may share and reuse this, including commercially, as long as you credit it as "
              "above and credit the source of each figure (the source column)."},
}

UNITS = {
    "percent": {"vi": "%", "en": "%"},
    "percent-of-age-group": {"vi": "% so với dân số trong độ tuổi", "en": "% of the age group"},
    "per-1000-live-births": {"vi": "‰ trẻ đẻ sống", "en": "per 1,000 live births"},
    "per-100000-children": {"vi": "trên 100.000 trẻ em", "en": "per 100,000 children"},
    "percent-per-year": {"vi": "% mỗi năm", "en": "% a year"},
    "children": {"vi": "trẻ em", "en": "children"},
    "cases": {"vi": "ca", "en": "cases"},
}
DIRECTIONS = {"increase": {"vi": "càng cao càng tốt", "en": "higher is better"},
              "decrease": {"vi": "càng thấp càng tốt", "en": "lower is better"}}
COMPARISONS = {"<": {"vi": "dưới", "en": "below"}, "<=": {"vi": "không quá", "en": "at most"},
               "=": {"vi": "bằng", "en": "equal to"}, ">=": {"vi": "đạt ít nhất", "en": "at least"},
               ">": {"vi": "trên", "en": "above"}}
STATUS = {
    "achieved": {"vi": "Đã đạt mục tiêu", "en": "Target achieved"},
    "on-track": {"vi": "Đúng tiến độ", "en": "On track"},
    "moderate": {"vi": "Có tiến bộ, cần tăng tốc", "en": "Progress made, acceleration needed"},
    "limited": {"vi": "Tiến bộ hạn chế", "en": "Limited progress"},
    "deterioration": {"vi": "Xấu đi", "en": "Deterioration"},
    "insufficient-data": {"vi": "Chưa đủ số liệu", "en": "Not enough data"},
}
# Why a status is "not enough data" (scripts/model/decide.py REASONS decides which apply). {year} is the last year
# of an official series, {base} the base year the site chose (Decision 23 sets none).
STATUS_REASON = {
    "no-data": {"vi": "chưa có số liệu nào", "en": "no data yet"},
    "no-official-series": {"vi": "chỉ có số liệu báo chí dẫn lại hoặc từ từng cuộc điều tra riêng lẻ, không có chuỗi "
                                 "số liệu chính thức theo thời gian",
                           "en": "only figures quoted in the press or from single survey rounds, no official time "
                                 "series"},
    "official-values-unusable": {"vi": "các số liệu chính thức đều đang mâu thuẫn giữa các nguồn, còn nghi vấn hoặc chỉ "
                                       "là số gần đúng, nên không dùng để đánh giá",
                                 "en": "every official figure is disputed between sources, doubtful or only "
                                       "approximate, so none is used to assess progress"},
    "no-official-data-since-base": {"vi": "chưa có số liệu chính thức nào từ năm {base} (gần nhất: {years})",
                                    "en": "no official figure since {base} (the latest: {years})"},
    "one-value-since-base": {"vi": "chỉ có một giá trị chính thức từ năm {base}",
                             "en": "only one official value since {base}"},
    "not-computable": {"vi": "không tính được tốc độ tăng trưởng (có giá trị bằng 0 hoặc âm, năm mục tiêu không sau "
                             "năm gốc, hoặc mức mục tiêu bằng giá trị gốc)",
                       "en": "the growth rate cannot be computed (a zero or negative value, a target year not after the "
                             "base year, or a target equal to the base value)"},
    "target-doubtful": {"vi": "giá trị mục tiêu còn nghi vấn nên không được dùng",
                        "en": "the target value is doubtful, so it is not used"},
    "range-target": {"vi": "mức mục tiêu là một khoảng (phương pháp cần một mức cụ thể)",
                     "en": "the target is a range (the method needs a single level)"},
    "no-target": {"vi": "chưa có mức mục tiêu", "en": "no target"},
}
# A doubt, with its own reason (targets, wordings and observations carry the code; the page says these words).
DOUBT_REASONS = {
    "copy-error-suspected": {"vi": "nghi lỗi sao chép (chỉ thấy trong một bản sao không chính thức và trùng giá trị "
                                   "với một chỉ tiêu khác)",
                             "en": "suspected copy error (found only in an unofficial copy, with the same values as "
                                   "another indicator)"},
    "machine-translation-only": {"vi": "chỉ biết qua bản dịch máy của một bài báo", "en": "known only from a machine "
                                 "translation of a news report"},
    "year-not-stated": {"vi": "nguồn không ghi năm", "en": "the source states no year"},
    "year-implied": {"vi": "năm chỉ được suy ra, nguồn không ghi rõ", "en": "the year is implied, not stated"},
    "series-unclear": {"vi": "không rõ thuộc chuỗi số liệu nào", "en": "unclear which series it belongs to"},
}
# The source's own word for a figure it does not give exactly.
QUALIFIERS = {"more-than": {"vi": "hơn", "en": "more than"}, "nearly": {"vi": "gần", "en": "nearly"},
              "about": {"vi": "khoảng", "en": "about"}}
# How far a source can be trusted (sources tables: trust).
TRUST = {
    "official": {"vi": "nguồn chính thức", "en": "official source"},
    "secondary-copy": {"vi": "bản sao của nguồn chính thức", "en": "copy of an official source"},
    "press": {"vi": "báo chí, thông cáo", "en": "press or release"},
    "low-trust-copy": {"vi": "bản sao có độ tin cậy thấp", "en": "low-trust copy"},
}
TRUST_SHORT = {
    "official": {"vi": "chính thức", "en": "official"}, "secondary-copy": {"vi": "bản sao", "en": "copy"},
    "press": {"vi": "báo chí", "en": "press"}, "low-trust-copy": {"vi": "độ tin cậy thấp", "en": "low trust"},
}
# Where an indicator's wording comes from.
WORDING_VERIFICATION = {
    "confirmed": {"vi": "đã đối chiếu với nguồn khác", "en": "checked against another source"},
    "single-source": {"vi": "chỉ có một nguồn", "en": "single source"},
    "doubtful": {"vi": "còn nghi vấn", "en": "doubtful"},
}
# A coloured dot before each status, drawn by CSS (assets/css/extra.css) rather than with emoji: 🟢🟡🟠🔴 came with
# Unicode 12 (2019) and show as empty boxes on older phones and in Debian's Chromium. The dot is decoration; the
# status is always written next to it.
STATUS_ICON = {status: f'<span class="status-dot status-dot--{status}" aria-hidden="true"></span>'
               for status in ("achieved", "on-track", "moderate", "limited", "deterioration", "insufficient-data")}
SERIES = {
    "gso": {"vi": "Tổng cục Thống kê", "en": "GSO"},
    "wb-igme": {"vi": "UN IGME, ước tính mô hình", "en": "UN IGME, modelled"},
    "wb-uis": {"vi": "UNESCO UIS", "en": "UNESCO UIS"},
    "who-unicef-jrf": {"vi": "Báo cáo WHO/UNICEF", "en": "WHO/UNICEF report"},
    "survey": {"vi": "Điều tra", "en": "Survey"},
    "unicef-sitan": {"vi": "Phân tích tình hình trẻ em của UNICEF", "en": "UNICEF situation analysis"},
    "news": {"vi": "Báo chí", "en": "Press"},
    "official-report": {"vi": "Báo cáo chính thức", "en": "Official report"},
}
VERIFICATION = {
    "confirmed": {"vi": "đã đối chiếu", "en": "confirmed"},
    "single-source": {"vi": "một nguồn", "en": "single source"},
    "doubtful": {"vi": "còn nghi vấn", "en": "doubtful"},
}
LEVELS = {"country": {"vi": "quốc gia", "en": "country"}, "province": {"vi": "cấp tỉnh", "en": "province"},
          "district": {"vi": "cấp huyện", "en": "district level"},
          "commune": {"vi": "cấp xã", "en": "commune level"}}
# successor_basis: "official" names an official act, so far known only from secondary sources (never "chính thức" alone).
# The kind of document that sets a target (documents: kind), before its number: 'Kế hoạch 182/KH-UBND'.
DOCUMENT_KINDS = {"plan": {"vi": "Kế hoạch", "en": "Plan"}, "decision": {"vi": "Quyết định", "en": "Decision"}}
BASIS = {"official": {"vi": "theo văn bản chính thức được nguồn thứ cấp nêu tên", "en": "under an official act named by a secondary source"},
         "inferred": {"vi": "suy luận, chưa đối chiếu Nghị quyết 1667/NQ-UBTVQH15", "en": "inferred, not yet checked against Resolution 1667/NQ-UBTVQH15"}}


def t(lang: str, key: str, **kw) -> str:
    """The catalogue's words for `key` in `lang` (STRINGS, then PAGE_TEXT), with `{field}` places filled from kw."""
    text = STRINGS[lang][key] if key in STRINGS[lang] else PAGE_TEXT[key][lang]
    return text.format(**kw) if kw else text


def label(table: dict, key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)


# --- issue 20: data releases and what changed (scripts/release_pages.py) ------------------------------------------
RELEASE_WORDS = {
    "releases": {"vi": "Các phiên bản", "en": "Releases"},
    "releases_intro": {
        "vi": "Mỗi phiên bản được giữ tại địa chỉ cố định của nó, với các tệp tải về, mã băm sha256 của từng tệp và "
              "những gì đã thay đổi so với phiên bản trước. Hãy trích dẫn đúng phiên bản bạn đã dùng.",
        "en": "Every release is kept at its own stable address, with its downloads, the sha256 of each file and what "
              "changed since the previous release. Cite the release you used."},
    "release": {"vi": "Phiên bản", "en": "Release"},
    "date": {"vi": "Ngày", "en": "Date"},
    "changelog": {"vi": "Nội dung", "en": "Changelog"},
    "changes": {"vi": "Thay đổi", "en": "Changes"},
    "file": {"vi": "Tệp", "en": "File"},
    "size": {"vi": "Dung lượng", "en": "Size"},
    "release_title": {"vi": "{title}, phiên bản {version}", "en": "{title}, release {version}"},
    "not_in_history": {"vi": "không có trong lịch sử của bản dựng này: không có tệp tải về",
                       "en": "not in this build's history: no downloads"},
    "history_incomplete": {
        "vi": "Lịch sử git của bản dựng này không đầy đủ: các phiên bản trước không có tệp tải về và danh sách thay "
              "đổi.",
        "en": "This build's git history is incomplete: earlier releases have no downloads and no list of changes."},
    "first_release": {"vi": "phát hành lần đầu: {rows} dòng", "en": "first release: {rows} rows"},
    "no_previous": {"vi": "chưa so được: phiên bản trước không có trong lịch sử của bản dựng này",
                    "en": "not compared: the previous release is not in this build's history"},
    "no_change": {"vi": "dữ liệu không đổi", "en": "no change to the data"},
    "values_revised": {"vi": "{n} giá trị được sửa", "en": "{n} values revised"},
    "values_added": {"vi": "{n} giá trị mới", "en": "{n} values added"},
    "values_withdrawn": {"vi": "{n} giá trị bị rút", "en": "{n} values withdrawn"},
    "rows_revised": {"vi": "{n} dòng được sửa", "en": "{n} rows revised"},
    "rows_added": {"vi": "{n} dòng mới", "en": "{n} rows added"},
    "rows_withdrawn": {"vi": "{n} dòng bị rút", "en": "{n} rows withdrawn"},
    "values_details": {"vi": "sửa thông tin kèm theo của {n} giá trị (số liệu không đổi)",
                       "en": "details revised for {n} values (no figure changed)"},
    "added_short": {"vi": "{n} mới", "en": "{n} added"},
    "withdrawn_short": {"vi": "{n} bị rút", "en": "{n} withdrawn"},
    "rows_only_new": {"vi": "{n} dòng chỉ có ở phiên bản này", "en": "{n} rows only in this release"},
    "rows_only_old": {"vi": "{n} dòng chỉ có ở phiên bản trước", "en": "{n} rows only in the previous release"},
    "columns_added": {"vi": "thêm {n} cột", "en": "{n} columns added"},
    "columns_removed": {"vi": "bỏ {n} cột", "en": "{n} columns removed"},
    "columns_changed": {"vi": "{n} cột đổi định nghĩa", "en": "{n} columns redefined"},
    "table_added": {"vi": "bảng mới ({rows} dòng)", "en": "new table ({rows} rows)"},
    "table_removed": {"vi": "bảng bị bỏ ({rows} dòng)", "en": "table removed ({rows} rows)"},
    "metadata_changed": {"vi": "{n} thông tin mô tả thay đổi", "en": "{n} metadata changes"},
    "key_changed_short": {"vi": "khóa đổi", "en": "key changed"},
    "released_on": {"vi": "Ngày phát hành", "en": "Released on"},
    "previous_release": {"vi": "Phiên bản trước", "en": "Previous release"},
    "next_release": {"vi": "Phiên bản sau", "en": "Next release"},
    "dataset_page": {"vi": "Trang bộ dữ liệu", "en": "Dataset page"},
    "commit": {"vi": "Commit trong kho mã", "en": "Commit in the repository"},
    "files_of_release": {"vi": "Tệp của phiên bản này", "en": "Files of this release"},
    "check_files": {
        "vi": "Các tệp ở địa chỉ này không thay đổi khi có phiên bản mới. Để kiểm tra tệp đã tải về còn nguyên vẹn, so "
              "mã băm với tệp SHA256SUMS, ví dụ bằng lệnh:",
        "en": "The files at this address stay as they are when a new release comes out. To check a download is "
              "intact, compare its hash with the SHA256SUMS file, for example with:"},
    "what_changed": {"vi": "Những gì đã thay đổi", "en": "What changed"},
    "since_previous": {"vi": "So với phiên bản {version}", "en": "Since release {version}"},
    "summary": {"vi": "Tóm tắt", "en": "Summary"},
    "withdrawn_note": {"vi": "Ghi chú về các dòng bị rút", "en": "Note on the withdrawn rows"},
    "metadata": {"vi": "Thông tin mô tả thay đổi", "en": "Metadata changed"},
    "property": {"vi": "Thuộc tính", "en": "Property"},
    "before": {"vi": "Trước", "en": "Before"},
    "after": {"vi": "Sau", "en": "After"},
    "column": {"vi": "Cột", "en": "Column"},
    "new_table": {"vi": "Bảng mới, {rows} dòng: toàn bộ có trong tệp CSV của phiên bản.",
                  "en": "A new table of {rows} rows: all of them are in the release's CSV file."},
    "removed_table": {"vi": "Bảng bị bỏ, có {rows} dòng ở phiên bản trước.",
                      "en": "The table is removed; it had {rows} rows in the previous release."},
    "unchanged_table": {"vi": "Không thay đổi.", "en": "Unchanged."},
    "matched_by_key": {"vi": "Các dòng được nối giữa hai phiên bản theo khóa: {key}.",
                       "en": "Rows are matched between the two releases by their key: {key}."},
    "key_kinds": {"vi": "khóa chính của bảng", "en": "the table's primary key"},
    "identity_kind": {"vi": "các cột xác định một số liệu", "en": "the columns that identify a value"},
    "no_key": {
        "vi": "Bảng không có khóa, nên so cả dòng trên các cột có ở cả hai phiên bản: một dòng được sửa hiện thành một "
              "dòng chỉ có ở phiên bản trước và một dòng chỉ có ở phiên bản này.",
        "en": "The table has no key, so whole rows are compared on the columns both releases have: a corrected row "
              "shows as one row only in the previous release and one only in this one."},
    "key_changed": {
        "vi": "Các cột xác định một dòng đã đổi ({old} → {new}) và các cột chung của hai phiên bản không xác định được "
              "từng dòng, nên so cả dòng trên các cột có ở cả hai phiên bản.",
        "en": "The columns that identify a row changed ({old} → {new}) and the columns the two releases share do not "
              "identify each row, so whole rows are compared on the columns both releases have."},
    "key_not_unique": {
        "vi": "Khóa lặp lại ở một trong hai phiên bản, nên so cả dòng trên các cột có ở cả hai phiên bản.",
        "en": "The key repeats in one of the two releases, so whole rows are compared on the columns both releases "
              "have."},
    "columns_differ": {
        "vi": "Các cột có giá trị khác nhau giữa những dòng chỉ có ở phiên bản trước và những dòng chỉ có ở phiên bản "
              "này: {columns}.",
        "en": "Columns whose values differ between the rows only in the previous release and those only in this one: "
              "{columns}."},
    "columns_added_title": {"vi": "Cột thêm", "en": "Columns added"},
    "columns_removed_title": {"vi": "Cột bỏ", "en": "Columns removed"},
    "columns_changed_title": {"vi": "Cột đổi định nghĩa", "en": "Columns redefined"},
    "only_descriptions": {"vi": "chỉ sửa lời mô tả", "en": "descriptions only"},
    "schema_other": {"vi": "Thay đổi khác của lược đồ", "en": "Other changes of the schema"},
    "rows_revised_title": {"vi": "Dòng được sửa", "en": "Rows revised"},
    "rows_added_title": {"vi": "Dòng mới", "en": "Rows added"},
    "rows_withdrawn_title": {"vi": "Dòng bị rút", "en": "Rows withdrawn"},
    "rows_only_new_title": {"vi": "Dòng chỉ có ở phiên bản này", "en": "Rows only in this release"},
    "rows_only_old_title": {"vi": "Dòng chỉ có ở phiên bản trước", "en": "Rows only in the previous release"},
    "more_rows": {"vi": "… và {n} dòng khác, có trong changes.json.", "en": "… and {n} more, listed in changes.json."},
    "as_data": {"vi": "Danh sách đầy đủ dạng dữ liệu", "en": "The full list as data"},
    "structure": {"vi": "cấu trúc của tệp", "en": "the file's structure"},
    "notices": {"vi": "Lưu ý", "en": "Notes"},
    "cite_version": {"vi": "Phiên bản {version}, địa chỉ cố định", "en": "Release {version}, stable address"},
    "cite_versions": {"vi": "Các phiên bản dữ liệu, địa chỉ cố định", "en": "Data releases, stable addresses"},
    "indicator_changes_intro": {
        "vi": "Các lần sửa số liệu, mức mục tiêu và thông tin của chỉ tiêu này qua các phiên bản dữ liệu, mới nhất trước.",
        "en": "Revisions of this indicator's values, targets and definition across data releases, newest first."},
    "indicator_no_changes": {"vi": "Chưa có thay đổi nào từ khi phát hành lần đầu.",
                             "en": "No change since the first release."},
    "follow": {"vi": "Theo dõi các thay đổi của chỉ tiêu này", "en": "Follow this indicator's changes"},
    "atom_feed": {"vi": "nguồn cấp Atom", "en": "Atom feed"},
    "more_changes": {"vi": "… và {n} thay đổi khác: xem trang của phiên bản.",
                     "en": "… and {n} more: see the release's page."},
    "value_revised": {"vi": "Giá trị năm {year} ({where}) được sửa: {old} → {new}",
                      "en": "{year} value ({where}) revised: {old} → {new}"},
    "value_added": {"vi": "Thêm giá trị năm {year} ({where}): {new}", "en": "{year} value added ({where}): {new}"},
    "value_withdrawn": {"vi": "Rút giá trị năm {year} ({where}): {old}", "en": "{year} value withdrawn ({where}): {old}"},
    "value_other": {"vi": "Giá trị năm {year} ({where}): {changes}", "en": "{year} value ({where}): {changes}"},
    "target_revised": {"vi": "{target} được sửa: {old} → {new}", "en": "{target} revised: {old} → {new}"},
    "target_added": {"vi": "Thêm {target}: {new}", "en": "{target} added: {new}"},
    "target_withdrawn": {"vi": "Rút {target}: {old}", "en": "{target} withdrawn: {old}"},
    "target_other": {"vi": "{target}: {changes}", "en": "{target}: {changes}"},
    "indicator_revised": {"vi": "Thông tin của chỉ tiêu: {changes}", "en": "The indicator's definition: {changes}"},
    "verification_word": {"vi": "mức xác minh", "en": "verification"},
    "direction_word": {"vi": "chiều tốt hơn", "en": "which way is better"},
    "unit_word": {"vi": "đơn vị", "en": "unit"},
    "text_changed": {"vi": "{field} được sửa lời", "en": "{field} reworded"},
    "on_release": {"vi": "ngày {date}, phiên bản {version}", "en": "{date}, release {version}"},
    "female": {"vi": "nữ", "en": "female"},
    "male": {"vi": "nam", "en": "male"},
    "blank": {"vi": "(trống)", "en": "(blank)"},
    "schema_page": {"vi": "Phiên bản dữ liệu và tệp thay đổi", "en": "Data releases and change files"},
    "targets_revised": {"vi": "{n} mức mục tiêu được sửa", "en": "{n} targets revised"},
    "targets_added": {"vi": "{n} mức mục tiêu mới", "en": "{n} targets added"},
    "targets_withdrawn": {"vi": "{n} mức mục tiêu bị rút", "en": "{n} targets withdrawn"},
    "targets_details": {"vi": "sửa thông tin kèm theo của {n} mức mục tiêu (không con số nào thay đổi)",
                        "en": "details revised for {n} targets (no target figure changed)"},
    "definition_changed": {"vi": "thông tin của chỉ tiêu thay đổi", "en": "the indicator's definition changed"},
    "not_matched": {
        "vi": "Không nối được từng dòng giữa hai phiên bản (trang của phiên bản nói vì sao), nên các dòng được so cả "
              "dòng.",
        "en": "Rows could not be matched one by one between the two releases (the release's page says why), so whole "
              "rows were compared."},
}


# What the command line itself says (scripts/cli.py, `--lang`); problem titles and hints are in scripts/problems.py.
CLI_TEXT = {
    "where": {"vi": "Vị trí", "en": "Where"},
    "problem": {"vi": "Lỗi", "en": "Problem"},
    "fix": {"vi": "Cách sửa", "en": "How to fix"},
    "code": {"vi": "Mã lỗi", "en": "Code"},
    "cell": {"vi": "Ô", "en": "Cell"},
    "valid": {"vi": "✓ Dữ liệu hợp lệ: không có lỗi nào.", "en": "✓ The data are valid: no problems."},
    "to_fix": {"vi": "{n} lỗi cần sửa — không có gì được công bố", "en": "{n} problems to fix — nothing is published"},
    "not_built": {"vi": "Không dựng trang: dữ liệu có lỗi. Trang web cũ (nếu có) được giữ nguyên.",
                  "en": "The site was not built: the data have problems. The previous site (if any) is kept as it was."},
    "build_failed": {"vi": "Dựng trang thất bại: {error}\nTrang web cũ (nếu có) được giữ nguyên.",
                     "en": "The build failed: {error}\nThe previous site (if any) is kept as it was."},
    "built": {"vi": "Đã dựng trang web vào {out}", "en": "The site was built into {out}"},
    "template_written": {"vi": "Đã ghi mẫu Excel: {out}", "en": "Excel template written: {out}"},
    "import_failed": {"vi": "{n} lỗi — không có tệp nào được ghi", "en": "{n} problems — no file was written"},
    "ignored_sheets": {"vi": "Bỏ qua các trang tính không phải bảng dữ liệu: ",
                       "en": "Sheets that are not data tables, left out: "},
    "preexisting": {"vi": "Lưu ý: {n} lỗi có sẵn ở bộ dữ liệu khác (không do tệp này gây ra).",
                    "en": "Note: {n} problems already in other datasets (not caused by this file)."},
    "dry_run": {"vi": "Chạy thử: không ghi tệp nào.", "en": "Dry run: no file was written."},
    "written": {"vi": "Đã ghi: ", "en": "Written: "},
    "unchanged": {"vi": "Không có gì thay đổi; không ghi tệp nào.", "en": "Nothing changed; no file was written."},
}
