"""Two press outlets and a few articles they ran, with their estimated reach.

There is no network here: the outlets stay inactive, so the beat job never polls
them; their readership and the articles are illustrative, and every reach record
says so in its note.
"""

import datetime

from campaigns.models import CampaignPage
from schedules.models import Coverage, CoverageStatus, PressOutlet, ReachRecord
from schedules.press.polling import reach_estimate

from .platform import history_regions

ICT = datetime.timezone(datetime.timedelta(hours=7))
ILLUSTRATIVE = "Số liệu minh họa cho bản demo, không phải số liệu thật. "
PRESS_TERMS = "mua bán người\nbuôn bán người\nNgày toàn dân phòng, chống mua bán người"

# name, website, feed URL, illustrative readership per article
OUTLETS = [
    (
        "Báo Thanh Hóa",
        "https://baothanhhoa.vn/",
        "https://baothanhhoa.vn/rss/thoi-su.rss",
        40_000,
    ),
    (
        "Cổng thông tin Đài Phát thanh và Truyền hình Thanh Hóa",
        "https://truyenhinhthanhhoa.vn/",
        "https://truyenhinhthanhhoa.vn/rss/tin-tuc.rss",
        25_000,
    ),
]
# outlet index, entry id, title, summary, published (ICT), status, matched terms
ARTICLES = [
    (
        0,
        "demo-btt-1",
        "Thanh Hóa hưởng ứng Ngày toàn dân phòng, chống mua bán người 30/7",
        "Các cấp, các ngành trong tỉnh đồng loạt ra quân tuyên truyền.",
        datetime.datetime(2017, 7, 30, 8, 0, tzinfo=ICT),
        CoverageStatus.CONFIRMED,
        ["Ngày toàn dân phòng, chống mua bán người", "mua bán người"],
    ),
    (
        1,
        "demo-pth-1",
        "Mường Lát: nói chuyện chuyên đề phòng, chống mua bán người ở xã biên giới",
        "Hội Liên hiệp Phụ nữ huyện tổ chức buổi nói chuyện cho chị em.",
        datetime.datetime(2017, 7, 28, 19, 30, tzinfo=ICT),
        CoverageStatus.PENDING,
        ["mua bán người"],
    ),
    (
        0,
        "demo-btt-2",
        "Xét xử lưu động vụ án buôn bán người tại Quan Sơn",
        "Phiên tòa lưu động nhằm tuyên truyền, răn đe.",
        datetime.datetime(2017, 8, 4, 15, 0, tzinfo=ICT),
        CoverageStatus.REJECTED,
        ["buôn bán người"],
    ),
]


def _terms(campaign: CampaignPage) -> None:
    if campaign.press_terms != PRESS_TERMS:
        campaign.press_terms = PRESS_TERMS
        campaign.save_revision().publish()


def load() -> str:
    campaign = CampaignPage.objects.get(year=2017)
    _terms(campaign)
    province = history_regions().get(depth=1)
    outlets = []
    for name, website, feed_url, readership in OUTLETS:
        outlet, _created = PressOutlet.objects.get_or_create(
            feed_url=feed_url,
            defaults={
                "name": name,
                "website": website,
                "readership": readership,
                "region": province,
                "active": False,
            },
        )
        outlets.append(outlet)
    for index, entry_id, title, summary, published, status, terms in ARTICLES:
        coverage, created = Coverage.objects.get_or_create(
            outlet=outlets[index],
            entry_id=entry_id,
            defaults={
                "campaign": campaign,
                "link": f"{outlets[index].website}demo/{entry_id}.html",
                "title": title,
                "summary": summary,
                "published_at": published,
                "matched_terms": terms,
                "status": status,
            },
        )
        if created and status != CoverageStatus.REJECTED:
            record = reach_estimate(coverage=coverage, now=published)
            record.note = ILLUSTRATIVE + record.note
            record.illustrative = True
            record.save(update_fields=["note", "illustrative"])
    reach = ReachRecord.objects.filter(coverage__outlet__in=outlets)
    return (
        f"{len(outlets)} press outlets (inactive), "
        f"{Coverage.objects.filter(outlet__in=outlets).count()} articles, "
        f"{reach.count()} illustrative reach estimates"
    )


def reset():
    PressOutlet.objects.filter(feed_url__in=[o[2] for o in OUTLETS]).delete()
