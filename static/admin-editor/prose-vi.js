/*
 * Tuyên giáo CMS: Vietnamese for django-prose-editor's own dialogs (it ships no "vi"
 * catalog). The library reads window.gettext, which the admin's JavaScript catalog
 * (/admin/jsi18n/) defines over django.catalog; this adds the library's strings to that
 * catalog. A classic script, so it runs before the editor's deferred module scripts.
 * The toolbar's labels are set in article-editor.js.
 */
(function () {
  "use strict";
  var django = window.django || (window.django = {});
  var catalog = django.catalog || (django.catalog = {});
  var strings = {
    "Add caption": "Thêm chú thích",
    "Alternative Text": "Mô tả ảnh",
    "Browse...": "Chọn…",
    "Bullets": "Dấu đầu dòng",
    "Cancel": "Hủy bỏ", // as the admin says it
    "Caption": "Chú thích",
    "Columns": "Số cột",
    "Decimal numbers": "Số 1, 2, 3",
    "Edit Figure": "Sửa ảnh",
    "Edit HTML": "Xem, sửa mã HTML",
    "Edit Image": "Sửa ảnh",
    "Edit Link": "Liên kết",
    "Image URL": "Địa chỉ ảnh",
    "Include header row": "Dòng đầu là tiêu đề cột",
    "Insert Figure": "Chèn ảnh",
    "Insert Table": "Chèn bảng",
    "Insert": "Chèn",
    "List properties": "Kiểu đánh số",
    "List type": "Kiểu danh sách",
    "Lowercase Roman numerals": "Số La Mã thường (i, ii, iii)",
    "Lowercase letters": "Chữ thường (a, b, c)",
    "Open in new window": "Mở trong cửa sổ mới",
    "Prettify": "Xuống dòng, thụt lề",
    "Remove caption": "Bỏ chú thích",
    "Rows": "Số dòng",
    "Start at": "Bắt đầu từ",
    "Table Properties": "Bảng",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "Mã HTML của nội dung. Chỉ giữ lại những gì trình soạn thảo hỗ trợ; mã khác bị loại bỏ.",
    "Title": "Tiêu đề (hiện khi rê chuột)",
    "Toggle fullscreen": "Toàn màn hình",
    "URL": "Địa chỉ (https://…, mailto:…, tel:…)",
    "Update": "Đồng ý",
    "Uppercase Roman numerals": "Số La Mã hoa (I, II, III)",
    "Uppercase letters": "Chữ hoa (A, B, C)"
  };
  for (var key in strings) {
    if (!(key in catalog)) { catalog[key] = strings[key]; }
  }
})();
