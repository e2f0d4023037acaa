"""Problems are data: a stable kebab-case code, where it is, what is wrong and how to fix it.

Every code the validator can emit is listed in CODES with a Vietnamese and an English explanation and a hint.
The page of problem codes (docs/ma-loi.md) is generated from CODES, and a test fails when the validator emits a
code that is not listed here, so the documentation cannot drift from the code.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from dataclasses import field as attribute
from typing import NamedTuple

from scripts.formats import MAX_CELL_CHARS, MAX_COLUMNS, PUBLISHED, READABLE, listed


class Code(NamedTuple):
    group: str
    title_vi: str
    title_en: str
    hint_vi: str
    hint_en: str


LAW = "Luật Trẻ em 2016 Điều 21; Nghị định 56/2017/NĐ-CP Điều 33"


def thousands(number: int) -> str:
    """An integer as Vietnamese text writes it: 1.234.567."""
    return f"{number:,}".replace(",", ".")


def shown(value, width: int = 80) -> str:
    """A value from a descriptor as a person reads it in a problem: text as it is, anything else as JSON (["a"],
    5, {"a": 1}), never as Python prints it (['a'], {'a': 1}, True)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"

CODES: dict[str, Code] = {
    # --- the package and its files -------------------------------------------------------------------------
    "package-missing": Code("package", "Không có tệp datapackage.json", "datapackage.json is missing",
        "Mỗi thư mục bộ dữ liệu cần một tệp datapackage.json. Tạo bằng: python -m scripts new-dataset <tên>.",
        "Every dataset folder needs a datapackage.json. Create one with: python -m scripts new-dataset <name>."),
    "package-json-invalid": Code("package", "datapackage.json không phải JSON hợp lệ", "datapackage.json is not valid JSON",
        "Mở tệp ở dòng và cột được chỉ ra; thường là thiếu dấu phẩy, thừa dấu phẩy cuối hoặc thiếu dấu ngoặc kép.",
        "Open the file at the line and column given; usually a missing or trailing comma or a missing quote."),
    "package-invalid": Code("package", "Mô tả gói dữ liệu không hợp lệ", "The package descriptor is not valid",
        "Sửa mô tả theo chuẩn Frictionless Data Package (thông báo cho biết thuộc tính nào sai).",
        "Fix the descriptor against the Frictionless Data Package standard (the message names the property)."),
    "schema-invalid": Code("package", "Lược đồ (schema) không hợp lệ", "The table schema is not valid",
        "Kiểm tra kiểu trường (string, number, integer, date, boolean…) và các ràng buộc trong schema.",
        "Check the field types (string, number, integer, date, boolean …) and constraints in the schema."),
    "name-mismatch": Code("package", "Tên gói khác tên thư mục", "Package name differs from its folder",
        "Đặt thuộc tính name trong datapackage.json trùng với tên thư mục.",
        "Set the name property in datapackage.json to the folder's name."),
    "name-not-kebab-case": Code("package", "Tên không đúng dạng chữ-thường-gạch-nối", "Name is not kebab-case",
        "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối, ví dụ: so-lieu-2024.",
        "Use lower-case ASCII letters, digits and hyphens only, e.g. data-2024."),
    "duplicate-dataset-name": Code("package", "Hai bộ dữ liệu trùng tên", "Two datasets have the same name",
        "Mỗi bộ dữ liệu phải có tên riêng; đổi tên một trong hai thư mục và thuộc tính name.",
        "Every dataset needs its own name; rename one folder and its name property."),
    "metadata-missing": Code("package", "Thiếu thông tin mô tả bắt buộc", "Required metadata is missing",
        "Thêm thuộc tính được nêu (title, description, version, licenses, sources) vào datapackage.json.",
        "Add the named property (title, description, version, licenses, sources) to datapackage.json."),
    "translation-missing": Code("package", "Thiếu bản tiếng Anh", "English translation is missing",
        "Thêm thuộc tính *_en (title_en, description_en) bên cạnh bản tiếng Việt; trang tiếng Anh không được hiện tiếng Việt.",
        "Add the *_en property (title_en, description_en) next to the Vietnamese one."),
    "version-invalid": Code("package", "Phiên bản không đúng dạng semver", "Version is not semver",
        "Ghi phiên bản dạng MAJOR.MINOR.PATCH, ví dụ 1.2.0.", "Write the version as MAJOR.MINOR.PATCH, e.g. 1.2.0."),
    "changelog-missing": Code("package", "Nhật ký thay đổi không có phiên bản hiện tại", "The changelog has no entry for the version",
        "Thêm vào changelog một dòng {version, date, description} cho phiên bản hiện tại.",
        "Add a {version, date, description} entry for the current version to changelog."),
    "version-not-bumped": Code("package", "Dữ liệu thay đổi nhưng phiên bản không tăng", "Data changed but the version was not bumped",
        "Tăng version (ví dụ 1.0.0 → 1.1.0) và thêm một dòng changelog mô tả thay đổi.",
        "Bump version (e.g. 1.0.0 → 1.1.0) and add a changelog entry saying what changed."),
    "field-description-missing": Code("package", "Trường dữ liệu thiếu mô tả", "A field has no description",
        "Thêm title, description (tiếng Việt) và title_en, description_en cho trường trong schema.",
        "Add title, description (Vietnamese) and title_en, description_en to the field."),
    "resource-name-mismatch": Code("package", "Tên tài nguyên khác tên tệp", "Resource name differs from its file",
        "Đặt name của tài nguyên trùng với tên tệp không có đuôi (data/<name>.csv).",
        "Set the resource name to the file's stem (data/<name>.csv)."),
    "path-unsafe": Code("file", "Đường dẫn tệp không an toàn", "Unsafe resource path",
        "Chỉ dùng đường dẫn tương đối bên trong thư mục bộ dữ liệu, ví dụ data/ten.csv; không URL, không '..', không đường dẫn tuyệt đối, không liên kết tượng trưng ra ngoài.",
        "Use a relative path inside the dataset folder such as data/name.csv: no URL, no '..', no absolute path, no symlink out."),
    "file-missing": Code("file", "Không tìm thấy tệp dữ liệu", "Data file not found",
        "Kiểm tra tên tệp và thư mục data/; tên có phân biệt chữ hoa, chữ thường.",
        "Check the file name and the data/ folder; names are case-sensitive."),
    "file-empty": Code("file", "Tệp dữ liệu rỗng", "Data file is empty",
        "Tệp phải có ít nhất dòng tiêu đề (tên cột).", "The file needs at least its header row."),
    "file-too-large": Code("file", "Tệp quá lớn", "File too large",
        "Chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo năm) hoặc hỏi nhóm kỹ thuật.",
        "Split the file (for instance by year) or ask the technical team."),
    "encoding-bom": Code("file", "Tệp có BOM ở đầu", "File starts with a byte-order mark",
        "Lưu lại dưới dạng 'CSV UTF-8' không có BOM (trong Excel: dùng python -m scripts import thay vì lưu CSV trực tiếp).",
        "Save as UTF-8 without BOM (from Excel, use python -m scripts import instead of saving CSV)."),
    "encoding-not-utf8": Code("file", "Tệp không mã hóa UTF-8", "File is not UTF-8",
        "Lưu lại tệp với mã hóa UTF-8 (không dùng Windows-1258, TCVN3 hay VNI).",
        "Save the file as UTF-8 (not Windows-1258, TCVN3 or VNI)."),
    "text-not-nfc": Code("file", "Chữ tiếng Việt không ở dạng chuẩn NFC", "Vietnamese text is not NFC",
        "Dấu được gõ tách rời khỏi chữ (dạng tổ hợp). Nhập lại bằng python -m scripts import, công cụ sẽ chuẩn hóa về NFC.",
        "Diacritics are stored as separate combining marks. Re-import with python -m scripts import, which normalises to NFC."),
    "line-endings-mixed": Code("file", "Lẫn lộn kiểu xuống dòng", "Mixed line endings",
        "Dùng một kiểu xuống dòng cho cả tệp (LF hoặc CRLF).", "Use one kind of line ending in the whole file."),
    # --- frictionless, wrapped ------------------------------------------------------------------------------
    "type-error": Code("table", "Giá trị sai kiểu", "Value of the wrong type",
        "Số dùng dấu chấm thập phân và không có dấu phân cách hàng nghìn (12.5; 590467); ngày dạng YYYY-MM-DD; true/false cho có/không.",
        "Numbers use a decimal point and no thousands separator (12.5; 590467); dates are YYYY-MM-DD."),
    "constraint-error": Code("table", "Giá trị vi phạm ràng buộc", "Value breaks a constraint",
        "Giá trị phải nằm trong danh sách hoặc khoảng cho phép nêu trong mô tả trường.",
        "The value must be one of, or within, what the field's description allows."),
    "missing-cell": Code("table", "Dòng thiếu ô", "Row has too few cells",
        "Dòng có ít cột hơn tiêu đề; kiểm tra dấu phẩy và dấu ngoặc kép.", "The row has fewer cells than the header; check commas and quotes."),
    "extra-cell": Code("table", "Dòng thừa ô", "Row has too many cells",
        "Dòng có nhiều cột hơn tiêu đề; văn bản có dấu phẩy phải đặt trong ngoặc kép.", "Text containing commas must be quoted."),
    "blank-row": Code("table", "Dòng trống", "Blank row", "Xóa dòng trống.", "Delete the blank row."),
    "primary-key": Code("table", "Trùng khóa chính", "Duplicate primary key",
        "Mỗi dòng phải có khóa riêng; xóa hoặc sửa dòng trùng.", "Every row needs its own key; delete or fix the duplicate."),
    "foreign-key": Code("table", "Tham chiếu không tồn tại", "Reference not found",
        "Giá trị phải có trong bảng được tham chiếu (ví dụ mã chỉ tiêu có trong indicators).",
        "The value must exist in the referenced table (e.g. the indicator id in indicators)."),
    "unique-error": Code("table", "Giá trị phải là duy nhất", "Value must be unique", "Sửa giá trị trùng.", "Fix the duplicate value."),
    "duplicate-label": Code("table", "Tên cột trùng", "Duplicate column name", "Mỗi cột một tên riêng.", "Give every column its own name."),
    "missing-label": Code("table", "Thiếu cột", "Column missing",
        "Thêm cột được nêu theo đúng thứ tự trong schema.", "Add the named column, in the schema's order."),
    "extra-label": Code("table", "Thừa cột", "Extra column",
        "Xóa cột thừa hoặc khai báo nó trong schema (kèm mô tả).", "Delete the column or declare it in the schema, with a description."),
    "incorrect-label": Code("table", "Tên cột sai", "Wrong column name",
        "Tên cột phải trùng với tên trường trong schema (chữ thường, gạch dưới).", "Column names must equal the schema's field names."),
    "blank-label": Code("table", "Cột không có tên", "Column without a name", "Đặt tên cho cột.", "Name the column."),
    "encoding-error": Code("file", "Không đọc được mã hóa tệp", "The file's encoding cannot be read",
        "Lưu lại tệp với mã hóa UTF-8.", "Save the file as UTF-8."),
    "source-error": Code("file", "Không đọc được tệp", "The file cannot be read",
        "Tệp có thể bị hỏng hoặc không phải CSV; xuất lại từ Excel bằng python -m scripts import.",
        "The file may be damaged or not CSV; export it again with python -m scripts import."),
    "format-error": Code("file", "Sai định dạng tệp", "Wrong file format",
        "Tài nguyên phải là tệp .csv.", "Resources must be .csv files."),
    "data-error": Code("table", "Lỗi dữ liệu khác", "Other data error",
        "Đọc thông báo chi tiết (tiếng Anh, từ Frictionless) và sửa dòng được chỉ ra.",
        "Read the detailed message (from Frictionless) and fix the row it names."),
    # --- project rules on values -----------------------------------------------------------------------------
    "value-implausible": Code("value", "Giá trị không hợp lý với đơn vị", "Value implausible for its unit",
        "Tỷ lệ phần trăm phải từ 0 đến 100, tỷ suất không âm; NaN và Infinity không được dùng.",
        "Percentages lie between 0 and 100, rates are not negative; NaN and Infinity are not allowed."),
    "value-missing": Code("value", "Thiếu giá trị", "Value missing",
        "Điền giá trị, hoặc đặt value_status là missing (nguồn không có) hay suppressed (ẩn vì số nhỏ).",
        "Fill in the value, or set value_status to missing or suppressed."),
    "suppressed-value-present": Code("privacy", "Ô đã ẩn nhưng vẫn còn giá trị", "A suppressed cell still holds its value",
        f"Xóa giá trị của ô có value_status = suppressed; giá trị bị ẩn không được công bố ({LAW}).",
        "Delete the value of a suppressed cell; it must not be published."),
    "year-in-future": Code("value", "Năm ở tương lai", "Year in the future",
        "Số liệu quan sát không thể thuộc năm chưa tới; kiểm tra cột year.", "Observed values cannot be from a year still to come."),
    "duplicate-observation": Code("value", "Dòng số liệu trùng", "Duplicate observation",
        "Hai dòng có cùng chỉ tiêu, địa bàn, năm, phân tổ, chuỗi số liệu và nguồn; giữ một dòng.",
        "Two rows share indicator, area, year, disaggregation, series and source; keep one."),
    "conflict-not-flagged": Code("value", "Nguồn mâu thuẫn chưa được đánh dấu", "Conflicting sources not flagged",
        "Các nguồn cho giá trị khác nhau ở cùng chỉ tiêu, địa bàn và năm: giữ cả hai và đặt conflict = true ở mọi dòng liên quan.",
        "Sources disagree for the same measure, area and year: keep both and set conflict = true on each."),
    "area-not-valid-for-year": Code("value", "Địa bàn không tồn tại vào năm đó", "Area not valid in that year",
        "Từ 1/7/2025 không còn cấp huyện và tỉnh Ninh Thuận đã hợp nhất vào Khánh Hòa (56); dùng mã đơn vị còn hiệu lực trong năm của số liệu.",
        "From 1/7/2025 districts no longer exist and Ninh Thuận is part of Khánh Hòa (56); use a unit valid in that year."),
    "foreign-key-external": Code("value", "Tham chiếu sang bộ dữ liệu khác không tồn tại", "Reference to another dataset not found",
        "Giá trị phải có trong bộ dữ liệu được nêu (ví dụ mã địa bàn trong admin-units, mã chỉ tiêu trong programme-targets).",
        "The value must exist in the named dataset (area codes in admin-units, indicator ids in programme-targets)."),
    "target-direction-mismatch": Code("value", "Mức mục tiêu ngược chiều chỉ tiêu", "Target contradicts the indicator's direction",
        "Chỉ tiêu 'càng thấp càng tốt' cần so sánh <, <= hoặc = và mục tiêu 2030 không cao hơn 2025 (ngược lại với 'càng cao càng tốt').",
        "A decrease indicator needs <, <= or = and a 2030 target no higher than 2025's (and the reverse for increase)."),
    "formula-cell": Code("security", "Ô bắt đầu như công thức bảng tính", "Cell starts like a spreadsheet formula",
        "Ô văn bản không được bắt đầu bằng =, +, -, @ (Excel sẽ chạy như công thức). Bỏ ký tự đó hoặc viết lại câu.",
        "Text cells must not start with =, +, -, @ (Excel would run them). Remove the character or reword."),
    "html-in-text": Code("security", "Văn bản chứa mã HTML hoặc JavaScript", "Text contains HTML or JavaScript",
        "Bỏ thẻ HTML (<...>) và liên kết javascript:; chỉ ghi văn bản thường.",
        "Remove HTML tags (<...>) and javascript: links; write plain text."),
    "markdown-in-text": Code("security", "Văn bản chứa cú pháp liên kết hoặc ảnh Markdown", "Text contains Markdown link or image syntax",
        "Ghi địa chỉ nguồn vào cột nguồn (source_url) thay vì chèn liên kết [..](..) hay ảnh ![..](..).",
        "Put addresses in the source column instead of [..](..) links or ![..](..) images."),
    "url-invalid": Code("value", "Địa chỉ nguồn không hợp lệ", "Invalid source address",
        "Địa chỉ phải bắt đầu bằng http:// hoặc https://.", "Addresses must start with http:// or https://."),
    # --- privacy ---------------------------------------------------------------------------------------------
    "personal-data-column": Code("privacy", "Cột chứa thông tin cá nhân của trẻ em", "Column holds a child's personal data",
        f"Không công bố họ tên, ngày sinh, địa chỉ, số điện thoại, số định danh, trường/lớp hay ảnh của trẻ em ({LAW}). Xóa cột và chỉ công bố số liệu tổng hợp theo xã hoặc tỉnh.",
        "Names, birth dates, addresses, phone numbers, identity numbers, school/class and photos of children are never published. Delete the column; publish only aggregates."),
    "small-count": Code("privacy", "Số đếm quá nhỏ, có thể nhận ra trẻ em", "Count small enough to identify children",
        f"Số ca dưới ngưỡng (mặc định 5) có thể làm lộ danh tính trẻ em ({LAW}). Gộp với địa bàn hoặc năm khác, hoặc để trống giá trị và đặt value_status = suppressed.",
        "Counts below the threshold (default 5) can identify a child. Aggregate, or blank the value and set value_status = suppressed."),
    # --- versions compared with a git base (python -m scripts validate --base REF) -----------------------------
    "version-base-unknown": Code("package", "Không tìm thấy phiên bản gốc để so sánh", "The base to compare with was not found",
        "Kiểm tra tên nhánh hoặc commit trong --base (ví dụ origin/main) và chạy trong kho git có đủ lịch sử (git fetch).",
        "Check the branch or commit given to --base (e.g. origin/main) and run inside a git clone with its history (git fetch)."),
    # --- Excel import (python -m scripts import) ----------------------------------------------------------------
    "excel-file-unreadable": Code("excel", "Không đọc được tệp Excel", "The Excel file cannot be read",
        "Lưu lại tệp dưới dạng Excel Workbook (.xlsx), không dùng .xls, .csv hay tệp có mật khẩu.",
        "Save the file as an Excel Workbook (.xlsx); not .xls, .csv or a password-protected file."),
    "excel-dataset-unknown": Code("excel", "Không biết tệp Excel thuộc bộ dữ liệu nào", "Which dataset the workbook belongs to is unknown",
        "Dùng mẫu tạo bằng python -m scripts template <bộ dữ liệu>, hoặc chỉ rõ bằng --dataset <tên>.",
        "Use a template made by python -m scripts template <dataset>, or name it with --dataset <name>."),
    "excel-sheet-missing": Code("excel", "Thiếu trang tính của một bảng", "A table's sheet is missing",
        "Mỗi bảng (resource) cần một trang tính cùng tên; không đổi tên, không xóa trang tính của mẫu.",
        "Every resource needs a sheet with its name; do not rename or delete the template's sheets."),
    "excel-header-mismatch": Code("excel", "Dòng tiêu đề không khớp với lược đồ", "The header row does not match the schema",
        "Dòng 1 của trang tính phải giữ nguyên tên cột của mẫu (tên trường trong schema); không thêm, xóa hay đổi tên cột.",
        "Row 1 must keep the template's column names (the schema's field names); do not add, delete or rename columns."),
    "excel-value-unparseable": Code("excel", "Không hiểu được giá trị trong ô", "A cell's value cannot be understood",
        "Số: 12,5 hoặc 12.5, không kèm chữ hay dấu %; số nguyên: 1234; ngày: dd/mm/yyyy (05/03/2024) hoặc 2024-03-05; có/không: true hoặc false; không dùng công thức lỗi (#N/A…).",
        "Numbers: 12,5 or 12.5 without text or %; integers: 1234; dates: dd/mm/yyyy or yyyy-mm-dd; booleans: true or false; no error values (#N/A …)."),
    "excel-number-ambiguous": Code("excel", "Số có thể hiểu theo hai cách", "A number can be read two ways",
        "'590.467' hay '1,250' có thể là số nghìn (590467) hoặc số thập phân. Gõ số nguyên không có dấu phân cách (590467), hoặc gõ số thập phân như một số Excel thật (không phải văn bản).",
        "'590.467' or '1,250' may be thousands (590467) or a decimal. Type whole numbers without separators, or type the decimal as a real Excel number, not text."),
    # --- issue 13: doubts, translations, sources and validity are data, and consistent ---------------------------
    "doubt-reason-missing": Code("doubt", "Dòng còn nghi vấn không ghi lý do", "A doubtful row gives no reason",
        "Khi verification (hoặc wording_verification) là doubtful, ghi lý do vào cột doubt_reason (hoặc "
        "wording_doubt_reason), ví dụ copy-error-suspected hay machine-translation-only: trang web nói đúng lý do của "
        "từng dòng.",
        "Where verification (or wording_verification) is doubtful, put the reason in doubt_reason (or "
        "wording_doubt_reason), e.g. copy-error-suspected or machine-translation-only: the site states each row's own "
        "reason."),
    "doubt-reason-unexpected": Code("doubt", "Có lý do nghi vấn nhưng dòng không được ghi là còn nghi vấn", "A reason for doubt on a row that is not doubtful",
        "Hoặc đặt verification là doubtful, hoặc xóa lý do ở doubt_reason.",
        "Either set verification to doubtful or remove the reason from doubt_reason."),
    "conflict-note-missing": Code("doubt", "Giá trị mâu thuẫn không có ghi chú", "A conflicting value has no note",
        "Khi conflict là true, ghi vào note_vi và note_en giá trị này mâu thuẫn với giá trị nào, của nguồn nào.",
        "Where conflict is true, say in note_vi and note_en which value of which source it conflicts with."),
    "qualifier-quote-missing": Code("doubt", "Có từ chỉ mức nhưng thiếu nguyên văn", "A qualifier without the source's words",
        "Khi qualifier (hơn, gần, khoảng) được ghi, chép nguyên văn câu của nguồn vào cột quote.",
        "Where a qualifier (more than, nearly, about) is given, copy the source's own words into quote."),
    "quote-lang-missing": Code("doubt", "Nguyên văn không ghi ngôn ngữ", "A quote without its language",
        "Ghi vi hoặc en vào cột quote_lang: ngôn ngữ của câu trích.", "Put vi or en in quote_lang: the quote's language."),
    "text-translation-missing": Code("text", "Thiếu bản tiếng Việt hoặc tiếng Anh của một ô", "A cell lacks its Vietnamese or English twin",
        "Mỗi ô văn bản hiện lên trang web có hai cột: <tên>_vi và <tên>_en. Điền cả hai (dịch một ghi chú không tạo ra số "
        "liệu mới), hoặc để trống cả hai.",
        "Every text the site shows has two columns, <name>_vi and <name>_en. Fill both (translating a note invents "
        "nothing), or leave both blank."),
    "text-wrong-language": Code("text", "Ô ghi sai ngôn ngữ", "A cell is in the wrong language",
        "Cột _vi phải viết bằng tiếng Việt, cột _en bằng tiếng Anh; câu trích nguyên văn của nguồn để trong ngoặc kép "
        "(“…”) hoặc ở cột quote.",
        "A _vi column is written in Vietnamese and an _en column in English; put a source's own words in quotation "
        "marks (“…”) or in the quote column."),
    "column-name-in-text": Code("text", "Văn bản nhắc tên cột nội bộ", "Text names an internal column",
        "Không viết tên cột (ví dụ name_vi) trong ghi chú hay tiêu đề hiện cho người đọc; viết bằng lời (tên chỉ tiêu, "
        "nguồn…).",
        "Do not write column names (e.g. name_vi) in notes or titles readers see; say it in words."),
    "source-unknown": Code("value", "Mã nguồn không có trong bảng sources", "Unknown source id",
        "Mỗi mã trong corroborated_by (và source_id) phải có một dòng trong bảng sources của cùng bộ dữ liệu.",
        "Every id in corroborated_by (and source_id) needs a row in the same dataset's sources table."),
    "area-validity-inconsistent": Code("value", "Tình trạng hiệu lực của đơn vị không khớp", "A unit's validity is inconsistent",
        "validity = valid thì valid_to phải trống; validity = ended mà không có valid_to thì ghi chú (note_vi, note_en) "
        "phải nói vì sao chưa rõ ngày kết thúc. Không bao giờ ghi một đơn vị đã kết thúc là còn hiệu lực.",
        "validity = valid needs a blank valid_to; validity = ended without a valid_to needs a note (note_vi, note_en) "
        "saying why the end date is not known. Never record a unit that ended as still valid."),
    # --- issue 15: limits on an uploaded workbook, checked before it is parsed (scripts/excel_limits.py) -------------
    "excel-file-too-large": Code("excel", "Tệp Excel quá lớn", "The workbook is too large",
        "Chia dữ liệu thành nhiều tệp nhỏ hơn (ví dụ theo năm hoặc theo địa bàn) rồi tải lên từng tệp; xóa các trang tính và hình ảnh không cần thiết.",
        "Split the data into smaller workbooks (by year or by area) and upload them one at a time; delete sheets and pictures you do not need."),
    "excel-too-many-parts": Code("excel", "Tệp Excel có quá nhiều thành phần", "The workbook has too many parts",
        "Tệp chứa quá nhiều thành phần (trang tính, hình ảnh, đối tượng nhúng). Tải mẫu mới, dán dữ liệu vào bằng Dán giá trị (Paste Values) rồi lưu lại.",
        "The file holds too many parts (sheets, pictures, embedded objects). Download a fresh template, paste the data with Paste Values and save."),
    "excel-unpacked-too-large": Code("excel", "Tệp Excel giải nén ra quá nhiều dữ liệu", "The workbook unpacks to too much data",
        "Chia dữ liệu thành nhiều tệp nhỏ hơn (theo năm hoặc theo địa bàn); xóa các ô văn bản rất dài và các trang tính không cần thiết.",
        "Split the data into smaller workbooks (by year or by area); delete very long text cells and sheets you do not need."),
    "excel-compression-suspicious": Code("excel", "Tệp Excel nén bất thường", "The workbook compresses abnormally",
        "Tệp chứa rất nhiều dữ liệu lặp lại (thường là ô văn bản rất dài hoặc hàng nghìn ô giống nhau). Xóa các ô đó, hoặc tải mẫu mới và dán dữ liệu bằng Dán giá trị (Paste Values).",
        "The file holds a great deal of repeated data (usually very long text cells or thousands of identical cells). Delete them, or paste the data into a fresh template with Paste Values."),
    "excel-shared-strings-too-large": Code("excel", "Phần văn bản của tệp Excel quá lớn", "The workbook's text is too large",
        "Tệp chứa quá nhiều văn bản. Xóa các ô văn bản rất dài hoặc không cần thiết, hoặc chia dữ liệu thành nhiều tệp nhỏ hơn.",
        "The file holds too much text. Delete very long or unneeded text cells, or split the data into smaller workbooks."),
    "excel-too-many-rows": Code("excel", "Trang tính có quá nhiều dòng", "A sheet has too many rows",
        "Chia dữ liệu thành nhiều tệp, mỗi tệp không quá số dòng giới hạn (ví dụ mỗi năm một tệp). Nếu dữ liệu ít hơn thế: chọn các dòng trống bên dưới dữ liệu, xóa hẳn (Delete Row), lưu lại.",
        "Split the data into several workbooks within the row limit (one per year, say). If the data is smaller than that, select the empty rows below it, delete them (Delete Row) and save."),
    "excel-too-many-columns": Code("excel", "Trang tính có cột ngoài mẫu", "A sheet has columns beyond the template",
        "Xóa các cột trống và các cột thêm vào bên phải bảng (chọn cột, Delete Column); chỉ giữ các cột của mẫu, rồi lưu lại.",
        "Delete empty columns and columns added to the right of the table (select them, Delete Column); keep only the template's columns, then save."),
    "excel-rows-not-read": Code("excel", "Không đọc được hết các dòng của trang tính", "Not every row of a sheet could be read",
        "Tệp có cấu trúc bất thường (dòng sai thứ tự hoặc trùng số dòng), thường do một chương trình khác Excel tạo ra. Mở tệp bằng Excel, lưu lại dạng Excel Workbook (.xlsx) rồi tải lên lại. Không có gì được ghi.",
        "The file is built unusually (rows out of order or numbered twice), usually by a program other than Excel. Open it in Excel, save it as an Excel Workbook (.xlsx) and upload it again. Nothing was written."),
    # --- issue 18: every format read as frictionless reads it, file integrity, ZIPs, what the writers can hold ----
    "format-unsupported": Code("file", "Định dạng tệp không được hỗ trợ", "File format not supported",
        f"Trình kiểm tra đọc các định dạng: {listed(READABLE)} (JSON dạng bảng: một mảng các dòng); thư mục datasets/ "
        f"chỉ nhận {listed(PUBLISHED)}. Tệp Excel: nhập bằng python -m scripts import; tệp nén: giải nén trước.",
        f"The validator reads: {listed(READABLE)} (tabular JSON: an array of rows); datasets/ holds only "
        f"{listed(PUBLISHED)}. Excel workbooks: use python -m scripts import; compressed files: unpack them first."),
    "bytes-mismatch": Code("file", "Kích thước tệp khác với khai báo (bytes)", "The file's size differs from its declared bytes",
        "datapackage.json khai báo bytes khác với kích thước thật của tệp (thông báo nêu cả hai). Tệp được sửa có chủ ý: "
        "sửa hoặc xóa bytes. Nếu không, tệp đã hỏng hoặc bị thay khi sao chép: tải lại.",
        "datapackage.json declares a size (bytes) other than the file's real size (the message gives both). If the file "
        "was changed on purpose, fix or remove bytes; otherwise it was damaged or replaced in transit: download it again."),
    "hash-mismatch": Code("file", "Mã băm của tệp khác với khai báo (hash)", "The file's hash differs from its declared hash",
        "datapackage.json khai báo hash khác với mã băm thật của tệp (thông báo nêu cả hai): nội dung tệp không phải nội "
        "dung đã được mô tả. Tệp được sửa có chủ ý: sửa hoặc xóa hash. Nếu không, tệp đã hỏng hoặc bị thay: tải lại.",
        "datapackage.json declares a hash other than the file's real one (the message gives both): the file is not the "
        "one described. If it was changed on purpose, fix or remove hash; otherwise it was damaged or replaced: download it again."),
    "dataset-absent": Code("package", "Bộ dữ liệu được tham chiếu không có mặt", "A referenced dataset is absent",
        "Bộ dữ liệu này tham chiếu một bộ khác không nằm cạnh nó (ví dụ khi chỉ tải một bộ). Kiểm tra cả bộ cùng nhau: "
        "python -m scripts validate <thư mục chứa mọi bộ dữ liệu>, hoặc python -m scripts validate all-data.zip (tệp tải "
        "về từ trang web).",
        "This dataset references another that is not beside it (say, one dataset downloaded alone). Validate the set "
        "together: python -m scripts validate <folder holding every dataset>, or python -m scripts validate all-data.zip "
        "(downloaded from the site)."),
    "archive-unreadable": Code("archive", "Không đọc được tệp ZIP", "The ZIP file cannot be read",
        "Tệp không phải ZIP, bị hỏng, hoặc có mật khẩu. Tải lại tệp từ trang web.",
        "The file is not a ZIP, is damaged or is password-protected. Download it again from the site."),
    "archive-unsafe": Code("archive", "Tệp ZIP chứa đường dẫn không an toàn", "The ZIP holds an unsafe path",
        "Không tệp nào trong ZIP được có đường dẫn tuyệt đối, chứa '..' hay là liên kết tượng trưng: ZIP không được giải "
        "nén. Dùng ZIP tải từ trang web, hoặc tự nén lại thư mục dữ liệu.",
        "No member may have an absolute path, contain '..' or be a symbolic link: the ZIP is not unpacked. Use the ZIP "
        "from the site, or zip the data folder again yourself."),
    "archive-too-large": Code("archive", "Tệp ZIP giải nén ra quá lớn", "The ZIP unpacks to too much",
        "Tổng dung lượng giải nén hoặc số tệp vượt giới hạn nêu trong thông báo. Kiểm tra từng bộ dữ liệu riêng, hoặc "
        "giải nén trước rồi kiểm tra thư mục.",
        "The unpacked size or the number of files is over the limit given in the message. Validate the datasets one by "
        "one, or unpack first and validate the folder."),
    "archive-ratio": Code("archive", "Tệp ZIP nén nhiều bất thường (zip bomb)", "The ZIP compresses suspiciously well (zip bomb)",
        "Một tệp trong ZIP giải nén ra lớn hơn nhiều lần kích thước nén (thông báo nêu tỷ lệ): dấu hiệu của zip bomb, "
        "nên không được giải nén. Dùng ZIP tải từ trang web.",
        "A member unpacks to many times its packed size (the message gives the ratio), the mark of a zip bomb, so it "
        "is not unpacked. Use the ZIP from the site."),
    "control-character": Code("security", "Văn bản chứa ký tự điều khiển", "Text holds a control character",
        "Xóa ký tự được nêu (thường do chép từ phần mềm khác). Chỉ tab và xuống dòng được dùng; U+2028 và U+2029 (ngắt "
        "dòng Unicode) làm hỏng trang web và tệp Excel: thay bằng xuống dòng thường hoặc dấu cách.",
        "Delete the character named (usually pasted from another program). Only tab and line breaks are allowed; "
        "U+2028 and U+2029 (Unicode line separators) break the pages and the Excel files: use a plain line break or a space."),
    "text-too-long": Code("value", "Văn bản quá dài", "Text too long",
        f"Mỗi ô và mỗi văn bản trong datapackage.json dài tối đa {thousands(MAX_CELL_CHARS)} ký tự (sức chứa của một ô "
        "bảng tính). Rút gọn; văn bản dài đặt trong README.md.",
        f"Every cell and every text in datapackage.json holds at most {MAX_CELL_CHARS:,} characters (what a spreadsheet "
        "cell holds). Shorten it; long text belongs in README.md."),
    "header-too-wide": Code("table", "Bảng có quá nhiều cột", "Too many columns",
        f"Một bảng có tối đa {thousands(MAX_COLUMNS)} cột; tệp không được đọc tiếp. Xóa các cột trống hoặc thừa; dữ liệu "
        "dạng gọn có một dòng cho mỗi giá trị, không phải một cột cho mỗi năm hay địa bàn.",
        f"A table has at most {MAX_COLUMNS:,} columns; the file is not read further. Delete empty or extra columns; "
        "tidy data has one row per value, not a column per year or area."),
    # --- issue 21: SDMX output for statistics offices ---------------------------------------------------------
    "sdmx-code-not-in-list": Code("sdmx", "Giá trị không có mã trong danh mục SDMX", "A value has no code in its SDMX code list",
        "Dùng một giá trị có trong danh mục (giới tính, đơn vị, chuỗi số liệu, từ chỉ mức, lý do nghi vấn, độ tin cậy: "
        "xem trang Dữ liệu mở và API); mã địa bàn, chỉ tiêu, chuỗi đo và nguồn chỉ gồm chữ không dấu, số và _ @ $ -. "
        "Một giá trị mới cần được thêm vào danh mục trong mã nguồn trước.",
        "Use a value the code list has (sex, unit, series, qualifier, reason for doubt, trust: see the Open data and "
        "API page); area, indicator, measure and source ids use only ASCII letters, digits and _ @ $ -. A new value "
        "must first be added to the code list in the code."),
    "global-code-without-source": Code("sdmx", "Mã toàn cầu không có nguồn", "A global code without its source",
        "Ghi vào cột nguồn của mã địa chỉ trang siêu dữ liệu của chuỗi SDG hoặc chỉ số UNICEF đó, nơi cho thấy định "
        "nghĩa trùng khớp; nếu không có trang nào như vậy, để trống mã: không bao giờ ghi mã theo phỏng đoán.",
        "Put the address of the SDG series' or UNICEF indicator's metadata page that shows the definition matches in "
        "the code's source column; where there is no such page, leave the code blank: never map by guess."),
    "global-code-multiple": Code("sdmx", "Một chuỗi đo gắn với hai chuỗi toàn cầu", "A measure mapped to two global series",
        "Một chuỗi đo chỉ có thể trùng định nghĩa với một chuỗi SDG (và một chỉ số UNICEF). Giữ mã mà trang siêu dữ liệu "
        "xác nhận; nếu hai chuỗi khác nhau, tách thành hai chuỗi đo.",
        "A measure can have the same definition as one SDG series (and one UNICEF indicator) only. Keep the code its "
        "metadata page confirms; if they are two different series, make two measures."),
    # --- issue 20: releases read from git history and what changed between them (scripts/releases.py) ------------
    "release-history-incomplete": Code("release", "Lịch sử git không đầy đủ: bỏ qua các phiên bản trước",
        "The git history is incomplete: earlier releases are skipped",
        "Bản sao nông (shallow clone) hoặc không phải kho git: trang web vẫn được dựng, nhưng các phiên bản trước không có "
        "tệp tải về và bảng thay đổi. Lấy đủ lịch sử bằng git fetch --unshallow (trong GitHub Actions: actions/checkout "
        "với fetch-depth: 0).",
        "A shallow clone, or not a git repository: the site is still built, but earlier releases get no downloads and "
        "no changes. Fetch the whole history with git fetch --unshallow (in GitHub Actions: actions/checkout with "
        "fetch-depth: 0)."),
    "release-history-unreadable": Code("release", "Không đọc được một phiên bản trong lịch sử",
        "A release in the history cannot be read",
        "Tệp datapackage.json hoặc tệp dữ liệu của phiên bản đó không đọc được ở commit phát hành. Phiên bản này được bỏ "
        "qua; kiểm tra commit được nêu (git show <commit>:datasets/<bộ dữ liệu>/datapackage.json).",
        "The datapackage.json or a data file of that release cannot be read at its release commit. The release is "
        "skipped; look at the commit named (git show <commit>:datasets/<dataset>/datapackage.json)."),
    "release-key-not-unique": Code("release", "Khóa của bảng lặp lại: không so được từng dòng giữa hai phiên bản",
        "A table's key repeats: rows cannot be matched between releases",
        "Mỗi dòng phải có khóa riêng (primaryKey, hoặc với bảng số liệu quan sát: các cột xác định một số liệu). Sửa "
        "hoặc xóa dòng trùng khóa được nêu.",
        "Every row needs its own key (primaryKey, or for observations: the columns that identify a value). Fix or "
        "delete the row whose key is named."),
    "release-key-changed": Code("release", "Khóa của bảng đã đổi", "A table's key changed",
        "Khóa (primaryKey, hoặc các cột xác định một số liệu) là cách nối một dòng qua các phiên bản. Giữ nguyên khóa; "
        "nếu thật sự phải đổi, đó là thay đổi lớn: tăng số đầu của version (ví dụ 2.1.0 → 3.0.0) và ghi trong "
        "changelog cách các dòng cũ ứng với dòng mới.",
        "The key (primaryKey, or the columns that identify a value) is how a row is followed from one release to the "
        "next. Keep it; if it must change, that is a major change: bump the first number of the version (e.g. 2.1.0 → "
        "3.0.0) and say in the changelog how old rows map to new ones."),
    "release-rows-withdrawn-unexplained": Code("release", "Dòng bị rút đi mà changelog không ghi lý do",
        "Rows were withdrawn without a changelog note",
        "Dòng chỉ được rút đi khi có ghi chú: thêm vào dòng changelog của phiên bản mới hai thuộc tính withdrawn "
        "(tiếng Việt) và withdrawn_en (tiếng Anh) nói dòng nào bị rút và vì sao, hoặc giữ lại các dòng đó.",
        "Rows may disappear only with a note: add withdrawn (Vietnamese) and withdrawn_en (English) to the new "
        "version's changelog entry, saying which rows were withdrawn and why, or keep the rows."),
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, with where it is and how to fix it."""

    dataset: str
    resource: str = ""
    row: int | None = None
    field: str = ""
    code: str = "data-error"
    detail: str = ""  # what exactly is wrong, in Vietnamese; it quotes the data
    # The same in English. Data, and a library's own (English) message, stay as they are in both. None: not
    # translated yet, and the English message shows the Vietnamese detail. A translation, so not part of equality.
    detail_en: str | None = attribute(default=None, compare=False)

    @property
    def title(self) -> str:
        return CODES[self.code].title_vi

    @property
    def hint(self) -> str:
        return CODES[self.code].hint_vi

    @property
    def message(self) -> str:
        return self.message_in("vi")

    def title_in(self, lang: str) -> str:
        return CODES[self.code].title_en if lang == "en" else CODES[self.code].title_vi

    def hint_in(self, lang: str) -> str:
        return CODES[self.code].hint_en if lang == "en" else CODES[self.code].hint_vi

    def detail_in(self, lang: str) -> str:
        return self.detail_en if lang == "en" and self.detail_en is not None else self.detail

    def message_in(self, lang: str) -> str:
        """The code's title in that language, then the detail in that language (it quotes the data)."""
        detail = self.detail_in(lang)
        return f"{self.title_in(lang)}: {detail}" if detail else self.title_in(lang)

    def where(self, lang: str = "vi") -> str:
        row, column = WHERE_WORDS[lang if lang in WHERE_WORDS else "vi"]
        parts = [self.dataset]
        if self.resource:
            parts.append(self.resource)
        if self.row is not None:
            parts.append(f"{row} {self.row}")
        if self.field:
            parts.append(f"{column} {self.field}")
        return " › ".join(parts)

    def as_dict(self) -> dict:
        """For --format json: the fields (detail in Vietnamese, detail_en in English), then title, message and hint in
        both languages (message and hint alone are the Vietnamese ones, as before)."""
        d = asdict(self)
        d.update(message=self.message, hint=self.hint, detail_en=self.detail_in("en"),
                 **{f"{key}_{lang}": value for lang in ("vi", "en") for key, value
                 in (("title", self.title_in(lang)), ("message", self.message_in(lang)), ("hint", self.hint_in(lang)))})
        return d


WHERE_WORDS = {"vi": ("dòng", "cột"), "en": ("row", "column")}


def details(vi: str, en: str) -> dict[str, str]:
    """A detail in Vietnamese and in English, as Problem's keywords: Problem(..., **details(vi, en))."""
    return {"detail": vi, "detail_en": en}


def as_is(detail: str) -> dict[str, str]:
    """A detail said the same way in both languages: the data alone, or a library's own (English) message."""
    return details(detail, detail)


class ValidationFailed(Exception):
    """The datasets have problems; nothing is published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def sort_key(p: Problem):
    return (p.dataset, p.resource, p.row if p.row is not None else -1, p.field, p.code, p.detail)


def to_json(problems: list[Problem]) -> str:
    return json.dumps({"valid": not problems, "count": len(problems),
                       "problems": [p.as_dict() for p in problems]}, ensure_ascii=False, indent=2, sort_keys=True)


def markdown_message(p: Problem) -> str:
    """The problem's title (the project's words) and its detail (which quotes data) as code: see scripts/inert.py."""
    from scripts.inert import code, plain

    return f"{plain(p.title)}: {code(p.detail)}" if p.detail else plain(p.title)


def to_markdown(problems: list[Problem], limit: int = 200) -> str:
    """The pull-request report. Every text that comes from the data (where, detail) is a code span, so nothing in a
    cell can link, embed, mention, reference or start a line (scripts/inert.py; tests/test_inert_report.py)."""
    from scripts.inert import code, plain

    if not problems:
        return "### ✅ Dữ liệu hợp lệ\n\nKhông có lỗi nào. Bộ dữ liệu sẵn sàng để công bố.\n"
    lines = [f"### ❌ Có {len(problems)} lỗi cần sửa trước khi công bố", "",
             "| # | Mã lỗi | Vị trí | Lỗi | Cách sửa |", "|---|---|---|---|---|"]
    for i, p in enumerate(problems[:limit], 1):
        lines.append(f"| {i} | `{p.code}` | {code(p.where())} | {markdown_message(p)} | {plain(p.hint)} |")
    if len(problems) > limit:
        lines.append(f"\n… và {len(problems) - limit} lỗi khác (xem nhật ký CI).")
    lines.append("\nGiải thích mọi mã lỗi: trang *Mã lỗi* của trang web (ma-loi).")
    return "\n".join(lines) + "\n"
