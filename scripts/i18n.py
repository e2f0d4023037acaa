"""Words the generated pages use, in Vietnamese (first) and English. A test checks both have the same keys."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "site_name": "Trẻ em Ninh Thuận 2021–2030",
        "home": "Trang chủ", "goal": "Mục tiêu", "goals": "Mục tiêu", "indicator": "Chỉ tiêu", "indicators": "Chỉ tiêu",
        "datasets": "Bộ dữ liệu", "dataset": "Bộ dữ liệu", "areas": "Địa bàn", "area": "Địa bàn",
        "coverage": "Độ bao phủ dữ liệu", "updates": "Mới cập nhật", "problem_codes": "Mã lỗi dữ liệu",
        "status": "Tình trạng", "latest": "Giá trị mới nhất", "target_2025": "Mục tiêu 2025", "target_2030": "Mục tiêu 2030",
        "unit": "Đơn vị", "direction": "Chiều tốt", "baseline": "Giá trị gốc", "sources": "Nguồn", "source": "Nguồn",
        "notes": "Ghi chú", "verification": "Mức xác minh", "last_updated": "Cập nhật lần cuối", "download": "Tải dữ liệu",
        "year": "Năm", "value": "Giá trị", "series": "Chuỗi số liệu", "kind": "Loại", "observed": "Số liệu",
        "target": "Mục tiêu", "scope": "Phạm vi", "national": "Toàn quốc", "none": "Chưa có",
        "no_data": "Chưa có số liệu", "chart": "Biểu đồ", "data_table": "Bảng số liệu",
        "wording": "Nguyên văn trong Quyết định 23/QĐ-TTg", "definition": "Định nghĩa",
        "interactive": "Xem biểu đồ tương tác", "size": "Dung lượng", "fields": "Các cột", "licence": "Giấy phép",
        "field": "Cột", "type": "Kiểu", "description": "Mô tả", "resources": "Tệp dữ liệu", "version": "Phiên bản",
        "rows": "Số dòng", "how_computed": "Cách tính", "progress": "Tiến độ",
        "hotline_title": "Gọi 111 — Tổng đài quốc gia bảo vệ trẻ em",
        "hotline_text": "Miễn phí, 24 giờ mỗi ngày. Khi biết trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại, hãy gọi ngay.",
        "see_all": "Xem tất cả", "indicator_n": "Chỉ tiêu {id}", "goal_n": "Mục tiêu {id}",
        "merger_note": "Từ 1/7/2025 tỉnh Ninh Thuận hợp nhất với tỉnh Khánh Hòa thành tỉnh Khánh Hòa (mã 56) theo Nghị quyết 202/2025/QH15; cấp huyện không còn (Nghị quyết 203/2025/QH15). Số liệu sau thời điểm này được công bố cho tỉnh Khánh Hòa mới, theo xã.",
        "valid": "Hiệu lực", "level": "Cấp", "parent": "Thuộc", "successor": "Đơn vị kế thừa", "units_below": "Đơn vị trực thuộc",
        "doubtful_target": "Nghi có sai sót, chưa xác minh — không dùng làm mục tiêu",
        "provisional_target": "Tạm thời (chỉ biết qua nguồn thứ cấp)",
        "conflict": "Các nguồn mâu thuẫn", "provisional_value": "số sơ bộ",
        "progress_inputs": "Số liệu dùng để đánh giá", "assessed_on": "Đánh giá theo",
        "cite": "Trích dẫn", "reuse": "Dùng lại", "indicators_with_data": "Chỉ tiêu có số liệu",
        "all_indicators": "Tất cả 24 chỉ tiêu (35 chỉ tiêu con)", "data_for": "Số liệu",
        "related_series": "Chuỗi liên quan (định nghĩa khác, không dùng đánh giá tiến độ)",
        "compared_with": "so với", "from": "từ", "to": "đến", "no_chart": "Chưa có số liệu để vẽ biểu đồ.",
        "years_with_data": "Các năm có số liệu", "areas_with_data": "Địa bàn có số liệu",
        "gap_summary": "{n} trong {total} chỉ tiêu con chưa có bất kỳ số liệu nào; không có số liệu Ninh Thuận nào sau năm {year}.",
        "switch_language": "English", "property": "Thông tin", "name": "Tên", "title": "Tiêu đề",
    },
    "en": {
        "site_name": "Children of Ninh Thuận 2021–2030",
        "home": "Home", "goal": "Goal", "goals": "Goals", "indicator": "Indicator", "indicators": "Indicators",
        "datasets": "Datasets", "dataset": "Dataset", "areas": "Areas", "area": "Area",
        "coverage": "Data coverage", "updates": "What's new", "problem_codes": "Data problem codes",
        "status": "Status", "latest": "Latest value", "target_2025": "2025 target", "target_2030": "2030 target",
        "unit": "Unit", "direction": "Better direction", "baseline": "Baseline", "sources": "Sources", "source": "Source",
        "notes": "Notes", "verification": "Verification", "last_updated": "Last updated", "download": "Download the data",
        "year": "Year", "value": "Value", "series": "Series", "kind": "Kind", "observed": "Observed",
        "target": "Target", "scope": "Scope", "national": "National", "none": "None yet",
        "no_data": "No data yet", "chart": "Chart", "data_table": "Data table",
        "wording": "Wording in Decision 23/QĐ-TTg (Vietnamese)", "definition": "Definition",
        "interactive": "Open the interactive chart", "size": "Size", "fields": "Columns", "licence": "Licence",
        "field": "Column", "type": "Type", "description": "Description", "resources": "Data files", "version": "Version",
        "rows": "Rows", "how_computed": "How it is computed", "progress": "Progress",
        "hotline_title": "Call 111 — National Child Protection Hotline",
        "hotline_text": "Free, 24 hours a day. If you know a child is being abused or is at risk, call now.",
        "see_all": "See all", "indicator_n": "Indicator {id}", "goal_n": "Goal {id}",
        "merger_note": "From 1 July 2025 Ninh Thuận and Khánh Hòa merged into Khánh Hòa province (code 56) under Resolution 202/2025/QH15; the district level ended (Resolution 203/2025/QH15). Figures after that date are published for the new Khánh Hòa, by commune.",
        "valid": "Valid", "level": "Level", "parent": "Part of", "successor": "Successor", "units_below": "Units below",
        "doubtful_target": "Suspected error, not verified — not used as a target",
        "provisional_target": "Provisional (known only from a secondary source)",
        "conflict": "Sources disagree", "provisional_value": "preliminary",
        "progress_inputs": "Figures used for the assessment", "assessed_on": "Assessed on",
        "cite": "Cite", "reuse": "Reuse", "indicators_with_data": "Indicators with data",
        "all_indicators": "All 24 indicators (35 sub-indicators)", "data_for": "Data",
        "related_series": "Related series (different definition, not used for progress)",
        "compared_with": "against", "from": "from", "to": "to", "no_chart": "No data to chart yet.",
        "years_with_data": "Years with data", "areas_with_data": "Areas with data",
        "gap_summary": "{n} of {total} sub-indicators have no data at all; no Ninh Thuận value after {year} was found.",
        "switch_language": "Tiếng Việt", "property": "Property", "name": "Name", "title": "Title",
    },
}

UNITS = {
    "percent": {"vi": "%", "en": "%"},
    "percent-of-age-group": {"vi": "% nhóm tuổi", "en": "% of age group"},
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
STATUS_REASON = {
    "no-target": {"vi": "chưa có mục tiêu đã xác minh", "en": "no verified target"},
    "no-data-since-base": {"vi": "không có số liệu từ năm 2020 (năm gốc của Chương trình)",
                           "en": "no data since 2020 (the programme's base year)"},
    "one-value-since-base": {"vi": "chỉ có một giá trị từ năm 2020", "en": "only one value since 2020"},
    "not-computable": {"vi": "không tính được tốc độ tăng trưởng (giá trị bằng 0 hoặc mục tiêu trước năm gốc)",
                       "en": "growth rate cannot be computed (a zero value, or a target before the base year)"},
}
# A coloured dot before each status, drawn by CSS (assets/css/extra.css) rather than with emoji: 🟢🟡🟠🔴 came with
# Unicode 12 (2019) and show as empty boxes on older phones and in Debian's Chromium. The dot is decoration; the
# status is always written next to it.
STATUS_ICON = {status: f'<span class="status-dot status-dot--{status}" aria-hidden="true"></span>'
               for status in ("achieved", "on-track", "moderate", "limited", "deterioration", "insufficient-data")}
SERIES = {
    "gso": {"vi": "Tổng cục Thống kê", "en": "GSO"},
    "wb-igme": {"vi": "UN IGME (ước tính mô hình)", "en": "UN IGME (modelled)"},
    "wb-uis": {"vi": "UNESCO UIS", "en": "UNESCO UIS"},
    "who-unicef-jrf": {"vi": "Báo cáo WHO/UNICEF", "en": "WHO/UNICEF report"},
    "survey": {"vi": "Điều tra", "en": "Survey"},
    "unicef-sitan": {"vi": "Phân tích tình hình trẻ em (UNICEF)", "en": "Situation analysis (UNICEF)"},
    "news": {"vi": "Báo chí", "en": "Press"},
    "official-report": {"vi": "Báo cáo chính thức", "en": "Official report"},
}
SOURCE_STATUS = {
    "official-table": {"vi": "bảng chính thức", "en": "official table"},
    "secondary-copy": {"vi": "bản sao bảng chính thức", "en": "copy of an official table"},
    "provisional": {"vi": "số sơ bộ", "en": "preliminary"},
    "news-quote": {"vi": "trích báo chí", "en": "press quote"},
}
VERIFICATION = {
    "confirmed": {"vi": "đã đối chiếu", "en": "confirmed"},
    "single-source": {"vi": "một nguồn", "en": "single source"},
    "doubtful": {"vi": "đáng ngờ", "en": "doubtful"},
}
LEVELS = {"country": {"vi": "quốc gia", "en": "country"}, "province": {"vi": "tỉnh", "en": "province"},
          "district": {"vi": "huyện", "en": "district"}, "commune": {"vi": "xã", "en": "commune"}}
BASIS = {"official": {"vi": "chính thức", "en": "official"},
         "inferred": {"vi": "suy luận, chưa đối chiếu Nghị quyết 1667/NQ-UBTVQH15", "en": "inferred, not yet checked against Resolution 1667/NQ-UBTVQH15"}}


def t(lang: str, key: str, **kw) -> str:
    text = STRINGS[lang][key]
    return text.format(**kw) if kw else text


def label(table: dict, key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)
