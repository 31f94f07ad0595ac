"""Benchmark of manage.py import_articles: N generated pages of a board's old site
(three site shapes, as in tests/importer/pages/) imported into an empty register, then
imported again (nothing to change), with wall time and the importer's memory sampled
every half second.

    .venv/bin/python bench/importer.py --db postgres://postgres@127.0.0.1:5432/h_imp --pages 10000

The database is FLUSHED first (it must be one kept for benchmarks). Results are printed
and written to bench/results/importer-<pages>-<time>.json; docs/importing.md records them.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

SHAPES = (
    # a modern board site: <h1>, "Cập nhật lúc", figure/figcaption, footer profile
    """<html><head><meta charset="utf-8"><title>{title} | Ban Tuyên giáo</title></head><body>
<div id="header"><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/dang-nhap">Đăng nhập</a></div>
<div class="news-detail"><h1>{title}</h1>
<div class="meta">Cập nhật lúc {hh}:{mi} ngày {dd}/{mm}/{yyyy} | Lượt xem: {views}</div>
<p>Sáng {d}/{m}, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị {topic} với sự tham dự của đại biểu các huyện, thị xã, thành phố.</p>
{picture}
{paragraphs}
<p><strong>{author}</strong></p></div>
<div class="related"><h4>Tin liên quan</h4><ul><li><a href="/1">Tin một</a></li><li><a href="/2">Tin hai</a></li></ul></div>
<div class="footer"><p>Trưởng Ban biên tập: Nguyễn Văn Thành</p><p>Địa chỉ: Phường Hồng Hà, Hạ Long</p><p>Điện thoại: 0203.3835.123</p></div>
</body></html>""",
    # an older site: the site's date line above the title, the article's below it
    """<html><head><meta charset="utf-8"><title>Ban Tuyên giáo</title></head><body>
<div class="sidebar"><h3>Thống kê truy cập</h3><p>Tất cả: 1.234.567</p></div>
<div class="entry"><div class="date">Chủ nhật, 29/05/2022</div><h1>{title}</h1>
<div class="post-date">Thứ năm, {dd}/{mm}/{yyyy} - {hh}:{mi}</div>
<div class="entry-content"><p><b>Chiều {d}/{m}, Ban Tuyên giáo Tỉnh ủy tổ chức {topic} với nhiều nội dung quan trọng được các đại biểu thảo luận.</b></p>
{paragraphs}<p>Theo Báo Quảng Ninh</p></div>
<div class="other-news"><h3>Các tin khác</h3><ul><li><a href="/a">Tin A</a></li></ul></div></div>
</body></html>""",
    # an ASP site: the title in a span, "Ngày đăng", the view count below the text
    """<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>
<div id="menu"><ul><li><a href="/">Trang chủ</a></li></ul></div>
<div id="content"><span class="ArticleTitle">{title}</span><span class="ArticleDate">Ngày đăng: {dd}/{mm}/{yyyy}</span>
<div class="ArticleContent"><p>Ngày {d}/{m}, Tỉnh ủy tổ chức {topic} để đánh giá kết quả và triển khai nhiệm vụ thời gian tới.</p>
{paragraphs}<p>Số lần xem: {views}</p></div></div></body></html>""",
)
TOPICS = (
    "sơ kết công tác tuyên giáo 6 tháng đầu năm",
    "học tập chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "giao ban công tác tuyên giáo quý",
    "tổng kết 10 năm thực hiện Nghị quyết 08-NQ/TW",
)
SENTENCES = (
    "Hội nghị đánh giá việc triển khai Nghị quyết số 35-NQ/TW của Bộ Chính trị về bảo vệ nền tảng tư tưởng của Đảng.",
    "Các đại biểu thống nhất tiếp tục thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW trong toàn Đảng bộ tỉnh.",
    "Ngành tuyên giáo đã tham mưu tổ chức học tập, quán triệt Nghị quyết Đại hội XIII của Đảng đến cán bộ, đảng viên.",
    "Công tác nắm bắt dư luận xã hội được chú trọng, kịp thời phản ánh tâm tư, nguyện vọng của Nhân dân.",
    "Hội nghị cũng chỉ ra những hạn chế cần khắc phục trong thời gian tới để nâng cao chất lượng công tác.",
)


def generate(folder, count, seed=7):
    """``count`` pages under ``folder`` and pages.urls listing their old addresses; one
    page in twenty has its picture saved next to it, one in ten names a remote one."""
    from PIL import Image

    rng = random.Random(seed)
    (folder / "anh").mkdir(parents=True, exist_ok=True)
    picture_file = folder / "anh" / "hoi-nghi.png"
    Image.new("RGB", (1024, 576), (30, 90, 160)).save(picture_file)
    start = datetime.datetime(2012, 1, 1, 7, 0)
    with (folder / "pages.urls").open("w", encoding="utf-8") as urls:
        for n in range(count):
            when = start + datetime.timedelta(hours=n * 9 + rng.randrange(8))
            shape = SHAPES[n % len(SHAPES)]
            picture = ""
            if n % 20 == 0:
                picture = '<figure><img src="../../anh/hoi-nghi.png"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
            elif n % 10 == 5:
                picture = f'<figure><img src="http://old.example.vn/anh/{n}.jpg"><figcaption>Đại biểu dự hội nghị số {n}</figcaption></figure>'
            paragraphs = "\n".join(
                f"<p>{' '.join(rng.sample(SENTENCES, 3))}</p>" for _ in range(rng.randint(3, 8))
            )
            html = shape.format(
                title=f"Hội nghị {TOPICS[n % len(TOPICS)]} lần thứ {n + 1}",
                topic=TOPICS[n % len(TOPICS)],
                dd=f"{when.day:02d}",
                mm=f"{when.month:02d}",
                yyyy=when.year,
                d=when.day,
                m=when.month,
                hh=f"{when.hour:02d}",
                mi=f"{when.minute:02d}",
                views=rng.randrange(5000),
                author=rng.choice(("Phạm Thu Hà", "Nguyễn Văn An", "Trần Minh Đức")),
                picture=picture,
                paragraphs=paragraphs,
            )
            name = f"trang/{n // 1000:02d}/tin-{n}.html"
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(html, encoding="utf-8")
            urls.write(f"http://tuyengiao.quangninh.gov.vn/tin-tuc/chi-tiet.aspx?id={n}  {name}\n")


def manage(env, *args, capture=False):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def timed_import(env, urls, jobs=1):
    """(seconds, [(second, RSS KiB)], last lines of output) of one import run."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            PY,
            "manage.py",
            "import_articles",
            "--unit",
            "quang-ninh",
            "--section",
            "tin-tuc-su-kien",
            "--jobs",
            str(jobs),
            str(urls),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    samples = []

    def sample():
        # the command's process and, with --jobs, its workers (the largest of them)
        while proc.poll() is None:
            pids = [proc.pid, *_children(proc.pid)]
            kib = max((rss_kib(pid) or 0) for pid in pids)
            if kib:
                samples.append((round(time.monotonic() - started, 1), kib))
            time.sleep(0.5)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out = proc.stdout.read()
    proc.wait()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"import_articles failed ({proc.returncode}):\n{out}")
    return time.monotonic() - started, samples, out.strip().splitlines()[:1]


def memory_summary(samples):
    if not samples:
        return {}
    kib = [k for _t, k in samples]
    tenth = kib[max(len(kib) // 10, 0)]
    return {
        "rss_mib_at_10pct": round(tenth / 1024, 1),
        "rss_mib_at_end": round(kib[-1] / 1024, 1),
        "rss_mib_peak": round(max(kib) / 1024, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/h_imp")
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--keep", action="store_true", help="Keep the generated pages.")
    parser.add_argument("--jobs", type=int, default=1, help="import_articles --jobs")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-importer-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=args.db,
        DJANGO_MEDIA_ROOT=str(work / "media"),
    )
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_DEBUG", None)
    try:
        print(f"generating {args.pages} pages in {work} …", flush=True)
        generate(work / "site", args.pages)
        print("empty register: flush, migrate, units, sections, directives …", flush=True)
        manage(env, "migrate", "--no-input", capture=True)
        manage(env, "flush", "--no-input", capture=True)
        manage(env, "loaddata", "units", "sections", "directives", capture=True)
        urls = work / "site" / "pages.urls"
        first, samples, summary = timed_import(env, urls, args.jobs)
        print(f"first run: {first:.1f} s  {summary}", flush=True)
        again, samples_again, summary_again = timed_import(env, urls, args.jobs)
        print(f"second run: {again:.1f} s  {summary_again}", flush=True)
        result = {
            "pages": args.pages,
            "jobs": args.jobs,
            "load_average_at_end": os.getloadavg(),
            "database": args.db.rsplit("@", 1)[-1],
            "first_run_seconds": round(first, 1),
            "pages_per_second": round(args.pages / first, 1),
            "first_run_summary": summary,
            "first_run_memory": memory_summary(samples),
            "second_run_seconds": round(again, 1),
            "second_run_summary": summary_again,
            "second_run_memory": memory_summary(samples_again),
            "rss_samples_kib": samples[:: max(len(samples) // 40, 1)],
        }
        print(json.dumps({k: v for k, v in result.items() if k != "rss_samples_kib"}, indent=1))
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = ROOT / "bench" / "results" / f"importer-{args.pages}-{stamp}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"written {out.relative_to(ROOT)}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
