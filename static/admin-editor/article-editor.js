/*
 * Tuyên giáo CMS: our part of the article body editor (django-prose-editor, Tiptap).
 *
 * django-prose-editor's "configurable" preset imports this module (it is named in
 * settings.DJANGO_PROSE_EDITOR_EXTENSIONS) and turns on the extensions that
 * articles/forms.py (RichTextWidget) and articles/sanitize.py (BODY_EXTENSIONS) list:
 *
 * - ArticleImage: one of the article's images, placed by number. Stored as the bare
 *   marker <figure data-image="N"></figure> that articles.rendering turns into the
 *   reader's figure; in the editor it shows the image and its caption, read from the
 *   "ảnh của bài" inline rows of the same form (the caption is edited there, not here).
 * - ArticleEditor: the editor's frame: Vietnamese labels, the accessible name, a
 *   Vietnamese table dialog, and no inline <style> (refused by our CSP).
 * - Link, TableCell, TableHeader: django-prose-editor's, without the attributes that
 *   a paste brings and the body does not keep (a link's target, rel and class; a cell's
 *   column width). These exports replace the library's in the preset.
 *
 * The server sanitises every body again on save (articles/sanitize.py): nothing here is
 * the guard.
 */
import {
  Link as BaseLink,
  TableCell as BaseTableCell,
  TableHeader as BaseTableHeader,
  crel,
  Extension,
  Node,
  Plugin,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const NUMBER = /^\d{1,5}$/

const imageNumber = (value) => (NUMBER.test(value || "") ? Number.parseInt(value, 10) : null)

/* --- The article's images, read from the "ảnh" inline rows of the same form --------- */

const dataUrls = new WeakMap() // File -> data: URL (our CSP allows data: images, not blob:)

function imageRows(form, prefix, { numberNewRows = false } = {}) {
  if (!form) return []
  const rows = []
  for (const input of form.querySelectorAll(`input[name^="${prefix}-"][name$="-position"]`)) {
    const base = input.name.slice(0, -"-position".length)
    if (base.includes("__prefix__")) continue
    if (form.querySelector(`input[name="${base}-DELETE"]`)?.checked) continue
    const file = form.querySelector(`input[type="file"][name="${base}-image"]`)?.files?.[0]
    const row = input.closest(".inline-related") || input.closest("tr") || form
    const preview = row.querySelector("img[data-image-preview]")?.getAttribute("src")
    if (!file && !preview) continue // an empty row
    rows.push({
      number: imageNumber(input.value),
      caption: form.querySelector(`[name="${base}-caption"]`)?.value || "",
      file,
      src: preview,
      input,
    })
  }
  if (numberNewRows) {
    // Rows without a number get the next free ones, as the server would give them (only
    // when an image is chosen: never while the number field is being typed in).
    let next = Math.max(0, ...rows.map((r) => r.number || 0)) + 1
    for (const row of rows) {
      if (!row.number) {
        row.number = next++
        row.input.value = String(row.number)
      }
    }
  }
  return rows.filter((r) => r.number).sort((a, b) => a.number - b.number)
}

function showImage(img, row) {
  if (!row.file) {
    img.src = row.src
  } else if (dataUrls.has(row.file)) {
    img.src = dataUrls.get(row.file)
  } else {
    const reader = new FileReader()
    reader.addEventListener("load", () => {
      dataUrls.set(row.file, reader.result)
      img.src = reader.result
    })
    reader.readAsDataURL(row.file)
  }
}

const rowLabel = (number, row) =>
  `Ảnh ${number}${row?.caption ? `: ${row.caption}` : row ? "" : " (chưa có ảnh số này)"}`

/* Where the editor's form and image rows are. */
function context(editor) {
  const textarea = editor.options.element.querySelector("textarea")
  return {
    form: editor.options.element.closest("form"),
    prefix: textarea?.dataset.imagesPrefix || "images",
    textarea,
  }
}

/* --- "Chèn ảnh của bài": a dialog listing the article's images ------------------------ */

function pickImage(editor) {
  const { form, prefix } = context(editor)
  const rows = imageRows(form, prefix, { numberNewRows: true })
  const title = crel("h3", {
    className: "prose-editor-dialog-title",
    textContent: "Chèn ảnh của bài",
    id: `tg-image-dialog-${Date.now()}`,
  })
  const choices = rows.map((row) => {
    const img = crel("img", { alt: "" })
    showImage(img, row)
    const button = crel("button", { type: "button", className: "tg-image-choice" }, [
      img,
      crel("span", { textContent: rowLabel(row.number, row) }),
    ])
    button.addEventListener("click", () => {
      dialog.close()
      editor.chain().focus().insertArticleImage(row.number).run()
    })
    return button
  })
  // "Hủy bỏ", as the admin's (and so the library's) dialogs say it.
  const cancel = crel("button", { type: "button", textContent: "Hủy bỏ" })
  const dialog = crel("dialog", { className: "prose-editor-dialog tg-image-dialog" }, [
    title,
    rows.length
      ? crel("div", { className: "tg-image-choices" }, choices)
      : crel("p", {
          textContent:
            "Bài chưa có ảnh. Thêm ảnh ở mục “Ảnh của bài” bên dưới (chọn tệp, ghi chú " +
            "thích), rồi bấm lại “Chèn ảnh của bài”.",
        }),
    crel("div", { className: "prose-editor-dialog-buttons" }, [cancel]),
  ])
  dialog.setAttribute("aria-labelledby", title.id)
  cancel.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => dialog.remove())
  editor.view.dom.parentElement.append(dialog)
  dialog.showModal()
}

export const ArticleImage = Node.create({
  name: "articleImage",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => imageNumber(element.getAttribute("data-image")),
        renderHTML: (attributes) => ({ "data-image": String(attributes.image) }),
      },
    }
  },

  parseHTML() {
    // Whatever a stored or pasted figure holds (an <img>, a caption) is the image's own.
    return [
      {
        tag: "figure[data-image]",
        getAttrs: (element) => (imageNumber(element.getAttribute("data-image")) ? null : false),
      },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes] // the bare marker the server stores
  },

  addStorage() {
    return { views: new Set() } // the figures on screen, redrawn when an image row changes
  },

  onCreate() {
    const { form, prefix } = context(this.editor)
    this.storage.onRowChange = (event) => {
      if (event.target.name?.startsWith(`${prefix}-`)) {
        for (const redraw of this.storage.views) redraw()
      }
    }
    form?.addEventListener("input", this.storage.onRowChange)
    form?.addEventListener("change", this.storage.onRowChange)
  },

  onDestroy() {
    const { form } = context(this.editor)
    form?.removeEventListener("input", this.storage.onRowChange)
    form?.removeEventListener("change", this.storage.onRowChange)
  },

  addNodeView() {
    return ({ node, editor }) => {
      const dom = crel("figure", { className: "tg-figure", contentEditable: "false" })
      const { views } = this.storage
      const redraw = () => {
        const { form, prefix } = context(editor)
        const number = node.attrs.image
        const row = imageRows(form, prefix).find((r) => r.number === number)
        dom.dataset.image = String(number)
        dom.replaceChildren()
        if (row) {
          const img = crel("img", { alt: "" })
          showImage(img, row)
          dom.append(img)
        }
        dom.append(crel("figcaption", { textContent: rowLabel(number, row) }))
      }
      redraw()
      views.add(redraw)
      return {
        dom,
        update(updated) {
          if (updated.type !== node.type) return false
          node = updated
          redraw()
          return true
        },
        ignoreMutation: () => true, // the preview is ours, not the document's
        destroy: () => views.delete(redraw),
      }
    }
  },

  addCommands() {
    return {
      insertArticleImage:
        (number) =>
        ({ state, chain }) => {
          // A figure is a block of its own: after the block the cursor is in (or in
          // place of an empty paragraph), followed by a paragraph to write on.
          const { $from, to } = state.selection
          const content = [
            { type: this.name, attrs: { image: number } },
            { type: "paragraph" },
          ]
          if ($from.depth === 0) return chain().insertContentAt(to, content).run()
          const range =
            $from.depth === 1 && $from.parent.content.size === 0
              ? { from: $from.before(1), to: $from.after(1) }
              : $from.after(1)
          return chain().insertContentAt(range, content).run()
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "articleImage",
      groups: "articleImage",
      command: pickImage,
      button: buttons.material("image", "Chèn ảnh của bài"),
    })
  },
})

/* --- Links and table cells: only what the body keeps --------------------------------- */

export const Link = BaseLink.extend({
  addAttributes() {
    // A pasted link's target, rel and class are not the body's: the server gives every
    // link rel="noopener noreferrer" and opens it in place.
    const { href, title } = this.parent?.() ?? {}
    return { href, title }
  },
})

// Column widths are for column resizing, which the editor does not offer.
const withoutColumnWidth = (Cell) =>
  Cell.extend({
    addAttributes() {
      return {
        ...this.parent?.(),
        colwidth: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
      }
    },
  })

export const TableCell = withoutColumnWidth(BaseTableCell)
export const TableHeader = withoutColumnWidth(BaseTableHeader)

/* --- The frame -------------------------------------------------------------------- */

// The toolbar, by django-prose-editor's item names (its own labels are English).
const LABELS = {
  heading2: "Tiêu đề mục (H2)",
  heading3: "Tiêu đề nhỏ (H3)",
  heading4: "Tiêu đề nhỏ hơn (H4)",
  paragraph: "Đoạn văn",
  bulletList: "Danh sách",
  orderedList: "Danh sách đánh số",
  orderedListProperties: "Kiểu đánh số",
  blockquote: "Trích dẫn",
  horizontalRule: "Đường kẻ ngang",
  bold: "In đậm",
  italic: "In nghiêng",
  subscript: "Chỉ số dưới",
  superscript: "Chỉ số trên",
  link: "Chèn liên kết (chọn chữ trước)",
  unlink: "Bỏ liên kết",
  table: "Chèn bảng",
  "table:addColumnAfter": "Thêm cột",
  "table:deleteColumn": "Xoá cột",
  "table:addRowAfter": "Thêm dòng",
  "table:deleteRow": "Xoá dòng",
  "table:mergeCells": "Gộp ô",
  "table:splitCell": "Tách ô",
  "table:toggleHeaderCell": "Đổi ô tiêu đề / ô thường",
  "table:deleteTable": "Xoá bảng",
  "history:undo": "Hoàn tác",
  "history:redo": "Làm lại",
  html: "Xem, sửa mã HTML",
}

const tableDialog = updateAttrsDialog(
  {
    rows: { title: "Số dòng", format: "number", min: "1", max: "50", required: true },
    cols: { title: "Số cột", format: "number", min: "1", max: "12", required: true },
    withHeaderRow: { type: "boolean", title: "Dòng đầu là tiêu đề cột" },
  },
  { title: "Chèn bảng", submitText: "Chèn bảng" },
)

export const ArticleEditor = Extension.create({
  name: "articleEditor",
  priority: 1, // after every other extension, so that every menu item exists

  onBeforeCreate() {
    // Tiptap injects its base CSS as an inline <style>, which our Content-Security-Policy
    // refuses (style-src 'self' + nonce); article-editor.css carries the same rules.
    this.editor.setOptions({ injectCSS: false })
  },

  addProseMirrorPlugins() {
    const { textarea } = context(this.editor)
    const attributes = {
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": "Nội dung bài viết",
      lang: "vi",
      spellcheck: "true",
    }
    const help = textarea?.getAttribute("aria-describedby")
    if (help) attributes["aria-describedby"] = help
    return [new Plugin({ props: { attributes } })]
  },

  addMenuItems({ buttons, menu, _definedItems }) {
    // The library's table dialog asks "Yes"/"No" in English: ours asks in Vietnamese.
    menu.defineItem({
      name: "table",
      groups: "table",
      button: buttons.material("grid_on", ""),
      command(editor) {
        tableDialog(editor, { rows: "3", cols: "2", withHeaderRow: true }).then((values) => {
          if (!values) return
          editor
            .chain()
            .focus()
            .insertTable({
              rows: Math.min(50, Number.parseInt(values.rows, 10) || 3),
              cols: Math.min(12, Number.parseInt(values.cols, 10) || 2),
              withHeaderRow: values.withHeaderRow,
            })
            .run()
        })
      },
    })
    for (const [name, item] of Object.entries(_definedItems)) {
      if (LABELS[name] && item.button) {
        item.button.title = LABELS[name]
        item.button.setAttribute("aria-label", LABELS[name])
      }
    }
  },
})
