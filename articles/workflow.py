"""The article workflow: bản nháp → chờ duyệt → xuất bản → gỡ bài.

Each step is a small service function with keyword-only arguments. It checks who may
take it (provinces.access: the board's editors submit; its editor-in-chief returns,
publishes, schedules and unpublishes; superusers act on every board), moves the status
under a row lock, and records an ArticleEvent with who, when and any note.

    draft ──submit──▶ pending ──publish──▶ published ──unpublish──▶ unpublished
      ▲                  │  (chief; a future publish time = scheduled)    │
      └────return────────┴────────────────────return───────────────────────┘
    A chief may also publish a draft of their own directly, and republish an
    unpublished article.

Scheduling needs no job: a published article whose publish time is still to come is
left out by Article.objects.published() until the clock reaches it.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import audit
from provinces import access

from .models import Article, ArticleEvent

Status = Article.Status
Action = ArticleEvent.Action


class WorkflowError(Exception):
    """A step that is not possible from the article's current status."""


# step -> (statuses it starts from, status it leads to, permission check)
STEPS = {
    "submit": ({Status.DRAFT}, Status.PENDING, access.can_edit_content),
    "return": ({Status.PENDING, Status.UNPUBLISHED}, Status.DRAFT, access.can_publish),
    "publish": (
        {Status.DRAFT, Status.PENDING, Status.UNPUBLISHED},
        Status.PUBLISHED,
        access.can_publish,
    ),
    "unpublish": ({Status.PUBLISHED}, Status.UNPUBLISHED, access.can_publish),
}

LABELS = {
    "submit": "Gửi duyệt",
    "return": "Trả lại biên tập",
    "publish": "Duyệt và xuất bản",
    "unpublish": "Gỡ bài",
}


def allowed_steps(*, article, user):
    """The steps ``user`` may take on ``article`` now, in display order."""
    if not access.in_scope(user, article.unit_id):
        return []
    return [
        step
        for step, (sources, _target, check) in STEPS.items()
        if article.status in sources and check(user)
    ]


def _move(*, article, by, step, action, note="", publish_at=None):
    sources, target, check = STEPS[step]
    if not check(by) or not access.in_scope(by, article.unit_id):
        raise PermissionDenied(f"Bạn không có quyền “{LABELS[step].lower()}” bài này.")
    with transaction.atomic():
        # Lock the row: two chiefs clicking at once must not both "publish".
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status not in sources:
            raise WorkflowError(
                f"Không thể “{LABELS[step].lower()}” bài đang ở trạng thái "
                f"“{locked.get_status_display().lower()}”."
            )
        before = locked.status
        fields = {"status": target, "updated_at": timezone.now()}
        if publish_at is not None:
            fields["published_at"] = publish_at
        if target == Status.PUBLISHED and before not in Article.CLAIMED:
            # Its address becomes public: a slug no claimed article has. (Drafts may
            # share one across boards; the chief sees the final address here.)
            fields["slug"] = locked.claim_slug()
        # A ContentQuerySet update: readers learn of the step when this transaction
        # commits (a new content version, core.pagecache), and the article page's hit
        # path checks the article is still public (articles.pages.article_state).
        try:
            with transaction.atomic():
                Article.objects.filter(pk=locked.pk).update(**fields)
        except IntegrityError as exc:  # another chief claimed the same slug a moment ago
            raise WorkflowError(
                "Đường dẫn của bài vừa được dùng cho một bài khác đã xuất bản; hãy thử lại."
            ) from exc
        for name, value in fields.items():
            setattr(article, name, value)
        return ArticleEvent.objects.create(
            article=article,
            action=action,
            from_status=before,
            to_status=target,
            actor=by,
            publish_at=fields.get("published_at", locked.published_at)
            if target == Status.PUBLISHED
            else None,
            note=note.strip(),
        )


def submit(*, article, by, note=""):
    """Draft → chờ duyệt: the board's editors send a finished draft to the chief."""
    return _move(article=article, by=by, step="submit", action=Action.SUBMITTED, note=note)


def return_to_draft(*, article, by, note=""):
    """Chờ duyệt / đã gỡ → bản nháp: the chief sends it back (say why in ``note``)."""
    return _move(article=article, by=by, step="return", action=Action.RETURNED, note=note)


def publish(*, article, by, at=None, note=""):
    """→ xuất bản, by the chief. ``at`` (or the article's publish time) in the future
    schedules it; without either it goes out now. Republishing an unpublished article
    keeps its original publish time."""
    when = at or article.published_at or timezone.now()
    action = Action.SCHEDULED if when > timezone.now() else Action.PUBLISHED
    return _move(article=article, by=by, step="publish", action=action, note=note, publish_at=when)


def unpublish(*, article, by, note=""):
    """Xuất bản → gỡ bài: readers no longer see it (also cancels a scheduled article)."""
    return _move(article=article, by=by, step="unpublish", action=Action.UNPUBLISHED, note=note)


def run(step, *, article, by, note="", at=None):
    """Take ``step`` ("submit", "return", "publish", "unpublish") by name."""
    if step == "publish":
        return publish(article=article, by=by, at=at, note=note)
    functions = {"submit": submit, "return": return_to_draft, "unpublish": unpublish}
    if step not in functions:
        raise WorkflowError("Thao tác không hợp lệ.")
    return functions[step](article=article, by=by, note=note)


def record_created(*, article, by):
    return ArticleEvent.objects.create(
        article=article, action=Action.CREATED, to_status=article.status, actor=by
    )


def record_rescheduled(*, article, by, before):
    """A chief changed the publish time of a published article in the form."""
    return ArticleEvent.objects.create(
        article=article,
        action=Action.RESCHEDULED,
        from_status=article.status,
        to_status=article.status,
        actor=by,
        publish_at=article.published_at,
        note=f"Trước đó: {timezone.localtime(before):%d/%m/%Y %H:%M}" if before else "",
    )


def pending_for(user):
    """Articles waiting for ``user``'s approval (none for those who cannot approve)."""
    if not access.can_publish(user):
        return Article.objects.none()
    return access.scope(Article.objects.filter(status=Status.PENDING), user)


def moderate_comments(*, comments, status, by):
    """Approve or reject reader comments of ``by``'s board, recording who and when.
    Returns how many changed; comments of other boards are left alone."""
    from .models import Comment

    if not access.can_moderate(by):
        raise PermissionDenied("Chỉ trưởng ban biên tập duyệt ý kiến bạn đọc.")
    if status not in {Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.PENDING}:
        raise WorkflowError("Trạng thái không hợp lệ.")
    scoped = access.scope(Comment.objects.filter(pk__in=comments.values("pk")), by, "article__unit")
    changing = list(scoped.exclude(status=status).select_related("article"))
    if not changing:
        return 0
    # Readers learn of it through the update itself: a ContentQuerySet update starts a
    # new content version when the transaction commits (core.pagecache).
    count = Comment.objects.filter(pk__in=[c.pk for c in changing]).update(
        status=status, moderated_by=by, moderated_at=timezone.now()
    )
    for comment in changing:
        audit.record(
            audit.AuditEvent.Action.MODERATION,
            actor=by,
            obj=comment,
            unit_id=comment.article.unit_id,
            details={"status": status, "article": comment.article_id},
        )
    return count
