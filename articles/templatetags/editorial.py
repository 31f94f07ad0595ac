"""{% editorial_tasks as tasks %}: the admin's "Việc cần làm" block — what waits for the
signed-in user on their board (articles waiting for approval and comments waiting for
moderation for editors-in-chief; drafts and submitted articles for editors)."""

from django import template
from django.urls import reverse

from provinces import access

from ..models import Article, Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_tasks(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not access.can_edit_content(user):
        return []
    cache_attr = "_editorial_tasks"
    if hasattr(request, cache_attr):
        return getattr(request, cache_attr)
    articles = access.scope(Article.objects.all(), user)
    changelist = reverse("admin:articles_article_changelist")
    tasks = []

    def add(model, label, short, count, url):
        tasks.append({"model": model, "label": label, "short": short, "count": count, "url": url})

    pending = articles.filter(status=Article.Status.PENDING).count()
    if access.can_publish(user):
        add("article", "bài chờ duyệt", "Chờ duyệt", pending, f"{changelist}?trang_thai=pending")
        scheduled = articles.scheduled().count()
        add(
            "article",
            "bài hẹn giờ xuất bản",
            "Hẹn giờ",
            scheduled,
            f"{changelist}?trang_thai=hen-gio",
        )
        comments = access.scope(
            Comment.objects.filter(status=Comment.Status.PENDING), user, "article__unit"
        ).count()
        add(
            "comment",
            "ý kiến bạn đọc chờ duyệt",
            "Ý kiến chờ duyệt",
            comments,
            reverse("admin:articles_comment_changelist") + "?status__exact=pending",
        )
    else:
        drafts = articles.filter(status=Article.Status.DRAFT).count()
        add("article", "bản nháp của ban", "Bản nháp", drafts, f"{changelist}?trang_thai=draft")
        add(
            "article",
            "bài đã gửi, đang chờ duyệt",
            "Chờ duyệt",
            pending,
            f"{changelist}?trang_thai=pending",
        )
    setattr(request, cache_attr, tasks)
    return tasks
