"""The key messages of 2017, drawn from plan 109/KH-BCĐ, each with its variants.

Short, plain Vietnamese suited to age, region and channel (plan II.2), with priority to
the Laos border and ethnic-minority districts (plan II.6). No text names a victim or a
place tied to a case, and none blames people who were trafficked. Thái and H'Mông
variants hold the Vietnamese text until a translator writes them, so they are never
used. Loading twice changes nothing: a message found by its slug is left as it is.
"""

from django.conf import settings

from campaigns.models import (
    VIETNAMESE,
    AgeBand,
    CampaignPage,
    Format,
    Hotline,
    MessagePage,
    MessageVariant,
    Region,
    RiskGroup,
)

CHILD_LINE = "111"
POLICE = "113"
# number, name, hours: the only numbers the campaign gives.
HOTLINES = [
    (CHILD_LINE, "Tổng đài quốc gia bảo vệ trẻ em", "24/7, miễn phí"),
    (POLICE, "Công an", "24/7"),
]

# Where a variant is heard: the whole province, or districts picked by their flags.
PROVINCE = ""
BORDER = "border"  # districts on the Laos border (border_laos=1)
ETHNIC = "ethnic"  # districts where ethnic minorities live in numbers
HMONG = "hmong"  # districts with H'Mông communities

THAI = "blt"
HMONG_LANGUAGE = "hmn"
# A placeholder never reaches anyone (translation_needed), but says what it waits for.
AWAITING = {
    THAI: "[Chờ dịch sang tiếng Thái]",
    HMONG_LANGUAGE: "[Chờ dịch sang tiếng H'Mông]",
}


def variant(
    format, text, *, ages=(), risks=(), where=PROVINCE, language=VIETNAMESE, **extra
):
    return {
        "format": format,
        "text": text,
        "ages": ages,
        "risks": risks,
        "where": where,
        "language": language,
        **extra,
    }


def awaiting(language, format, text, **audience):
    """A variant waiting for its translation, with the Vietnamese to translate."""
    return variant(
        format,
        f"{AWAITING[language]} {text}",
        language=language,
        translation_needed=True,
        **audience,
    )


# Texts that also go to translators.
JOBS_SCRIPT = (
    "Kính thưa bà con! Hưởng ứng Ngày toàn dân phòng, chống mua bán người 30 tháng 7, "
    "xin nhắc bà con cảnh giác với những lời mời đi làm “việc nhẹ lương cao”. "
    "Kẻ mua bán người thường hứa hẹn công việc dễ, thu nhập cao ở thành phố lớn hoặc ở "
    "nước ngoài, lo hết tiền xe, tiền làm giấy tờ, rồi giục đi ngay và dặn phải giữ "
    "bí mật. Đến nơi, người đi làm bị giữ giấy tờ, bị ép làm việc không công, thậm chí "
    "bị bán. Trước khi nhận lời đi làm xa, bà con hãy bàn bạc với gia đình, hỏi cán bộ "
    "xã, và không giao giấy tờ tùy thân cho người lạ. Thấy dấu hiệu nghi vấn, hãy báo "
    "ngay Công an xã hoặc gọi số 113. Xin cảm ơn bà con!"
)
MARRIAGE_VILLAGE_SCRIPT = (
    "Kính thưa bà con các dân tộc! Những ngày chợ phiên, lễ hội, có thể có người lạ "
    "vào bản làm quen với chị em, các cháu gái, hứa đưa đi lấy chồng ở nơi xa, có nhà "
    "cửa, có tiền gửi về cho bố mẹ. Đó có thể là kẻ mua bán người. Xin bà con đừng để "
    "con em đi theo người mới quen, dù họ nói ngọt hay cho tiền, cho quà. Việc cưới "
    "xin phải để hai gia đình tìm hiểu kỹ và đăng ký kết hôn theo đúng pháp luật. Khi "
    "thấy người lạ vào bản mai mối, rủ rê con em đi xa, bà con hãy báo ngay cho trưởng "
    "bản, Công an xã, Ủy ban nhân dân xã hoặc gọi số 113. Xin cảm ơn bà con!"
)
BORDER_SCRIPT = (
    "Kính thưa bà con các dân tộc vùng biên giới! Từ ngày 1 tháng 7 đến ngày 30 tháng "
    "9 năm 2017, Công an và Bộ đội Biên phòng tỉnh mở đợt cao điểm trấn áp tội phạm "
    "mua bán người, tập trung trên tuyến biên giới giáp Lào. Kẻ xấu thường vào bản làm "
    "quen, rủ chị em, các cháu sang bên kia biên giới làm thuê hoặc lấy chồng, hứa trả "
    "công cao, rồi đưa đi bằng đường mòn, lối mở để tránh sự kiểm soát. Xin bà con "
    "không đi theo người lạ, không qua biên giới khi không có giấy tờ hợp lệ. Khi thấy "
    "người lạ vào bản rủ rê, thấy có người bị đưa đi lúc đêm khuya, hoặc con em đi xa "
    "mà mất liên lạc, bà con hãy báo ngay cho đồn Biên phòng gần nhất, trưởng bản, "
    "Công an xã hoặc gọi số 113. Giữ bình yên bản làng là trách nhiệm của mỗi nhà. "
    "Xin cảm ơn bà con!"
)
BORDER_SHORT = (
    "Người lạ rủ sang bên kia biên giới làm thuê, lấy chồng, đi đường mòn? Đừng đi! "
    "Báo đồn Biên phòng, trưởng bản hoặc gọi 113."
)

MESSAGES = [
    {
        "slug": "canh-giac-viec-nhe-luong-cao",
        "title": "Cảnh giác với lời mời “việc nhẹ lương cao”",
        "summary": (
            "Kẻ mua bán người thường dụ dỗ bằng lời hứa việc nhẹ, lương cao ở nơi xa "
            "hoặc ở nước ngoài, lo hết chi phí đi lại. Hãy tìm hiểu kỹ, bàn với gia "
            "đình và hỏi chính quyền xã trước khi nhận lời."
        ),
        "body": (
            "<p>Nhiều người bị lừa bán chỉ vì tin vào một lời mời đi làm “việc nhẹ "
            "lương cao”. Người rủ rê có thể là người lạ, người mới quen, có khi là "
            "người quen biết; họ hứa thu nhập cao, không cần bằng cấp, lo hết tiền "
            "xe, tiền làm giấy tờ.</p>"
            "<h2>Dấu hiệu cần nghi ngờ</h2>"
            "<ul>"
            "<li>Công việc dễ mà lương cao bất thường, không cần kinh nghiệm.</li>"
            "<li>Được lo hết chi phí đi lại, làm hộ chiếu, “đi trước trả sau”.</li>"
            "<li>Giục đi gấp, dặn giữ bí mật, không cho báo với gia đình.</li>"
            "<li>Không có hợp đồng, không rõ tên công ty, địa chỉ nơi làm.</li>"
            "<li>Đòi cất giữ giấy tờ tùy thân của người đi làm.</li>"
            "</ul>"
            "<h2>Nên làm gì</h2>"
            "<p>Bàn bạc với gia đình, hỏi cán bộ Lao động – Thương binh và Xã hội "
            "hoặc Công an xã trước khi nhận lời. Thấy dấu hiệu lừa đảo, hãy báo ngay "
            "cho Công an qua số 113.</p>"
        ),
        "key_points": [
            "Việc nhẹ mà lương cao bất thường thường là cái bẫy.",
            "Không đi theo người lạ, người mới quen, dù được lo hết chi phí.",
            "Bàn với gia đình và hỏi chính quyền xã trước khi nhận lời đi làm xa.",
        ],
        "call_to_action": "Nghi ngờ lời mời đi làm, hãy gọi ngay 113",
        "hotline": POLICE,
        "tags": ["việc làm", "lao động di cư"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                JOBS_SCRIPT,
                risks=["women", "migrant_workers"],
            ),
            variant(
                Format.SHORT_TEXT,
                "Việc nhẹ lương cao, được lo hết chi phí đi xa? Coi chừng bẫy mua bán "
                "người! Hỏi gia đình, chính quyền xã trước khi đi. Nghi ngờ, gọi 113.",
                ages=["youth"],
                risks=["students", "migrant_workers"],
            ),
            variant(
                Format.SOCIAL_POST,
                "Được mời đi làm “việc nhẹ lương cao”, lo hết chi phí, đi ngay? Hãy "
                "dừng lại và hỏi kỹ. Dấu hiệu của bẫy mua bán người: lương cao bất "
                "thường, giục đi gấp, dặn giữ bí mật, đòi giữ giấy tờ của bạn. Trước "
                "khi nhận lời, hãy bàn với gia đình và hỏi cán bộ Lao động – Thương "
                "binh và Xã hội. Nghi ngờ, gọi 113. #ChungTayPhongChongMuaBanNguoi",
                ages=["youth"],
                risks=["students", "migrant_workers"],
            ),
            awaiting(
                THAI,
                Format.LOUDSPEAKER_SCRIPT,
                JOBS_SCRIPT,
                risks=["ethnic_minorities", "border_residents"],
                where=BORDER,
            ),
        ],
    },
    {
        "slug": "canh-giac-moi-gioi-hon-nhan",
        "title": "Tỉnh táo trước môi giới lấy chồng nước ngoài",
        "summary": (
            "Có kẻ mua bán người núp bóng mai mối, hứa gả cho người nước ngoài giàu "
            "có, đưa tiền cho gia đình, rồi đưa phụ nữ ra nước ngoài để bán. Kết hôn "
            "với người nước ngoài phải được tìm hiểu kỹ và đăng ký đúng pháp luật."
        ),
        "body": (
            "<p>Kết hôn với người nước ngoài là quyền của mỗi người, nhưng phải được "
            "đăng ký tại cơ quan nhà nước có thẩm quyền. Kẻ xấu lợi dụng mong muốn có "
            "cuộc sống đủ đầy để dụ dỗ phụ nữ, kể cả các em gái chưa đủ tuổi, đi lấy "
            "chồng nước ngoài qua môi giới trái phép.</p>"
            "<h2>Dấu hiệu cần cảnh giác</h2>"
            "<ul>"
            "<li>Người mai mối hứa gả chồng giàu, đưa tiền, quà cho gia đình.</li>"
            "<li>Hai bên chưa tìm hiểu nhau mà đã bị giục cưới, giục đi gấp.</li>"
            "<li>Không đăng ký kết hôn, đưa đi bằng đường mòn, lối mở.</li>"
            "<li>Bị dặn không được nói với ai, bị cầm giữ giấy tờ.</li>"
            "</ul>"
            "<h2>Để an toàn</h2>"
            "<p>Tìm hiểu kỹ người định kết hôn và gia đình họ; đăng ký kết hôn đúng "
            "pháp luật; để lại cho gia đình địa chỉ, số điện thoại nơi sẽ đến. Thấy "
            "môi giới hôn nhân trái phép, hãy báo Công an xã, đồn Biên phòng hoặc "
            "gọi 113.</p>"
        ),
        "key_points": [
            "Không nghe theo người mai mối hứa gả chồng giàu, đưa tiền cho gia đình.",
            "Kết hôn với người nước ngoài phải đăng ký đúng pháp luật.",
            "Con gái chưa đủ 18 tuổi thì chưa được kết hôn.",
        ],
        "call_to_action": "Thấy môi giới hôn nhân trái phép, hãy gọi ngay 113",
        "hotline": POLICE,
        "tags": ["hôn nhân", "phụ nữ"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con! Có những kẻ mua bán người giả làm người mai mối, "
                "hứa gả con em chúng ta cho người nước ngoài giàu có, đưa tiền cho gia "
                "đình, rồi đưa chị em ra nước ngoài để bán. Kết hôn với người nước "
                "ngoài là quyền của mỗi người, nhưng phải tìm hiểu kỹ và đăng ký kết "
                "hôn theo đúng pháp luật. Bà con hãy cảnh giác khi có người lạ đến nhà "
                "mai mối, giục cưới gấp khi hai bên chưa hề tìm hiểu nhau, hoặc muốn "
                "đưa người đi mà không làm thủ tục. Con gái chưa đủ 18 tuổi thì chưa "
                "được kết hôn. Thấy dấu hiệu môi giới hôn nhân trái phép, bà con hãy "
                "báo ngay Công an xã, trưởng thôn hoặc gọi số 113. Xin cảm ơn bà con!",
                risks=["women"],
            ),
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                MARRIAGE_VILLAGE_SCRIPT,
                risks=["women", "ethnic_minorities"],
                where=ETHNIC,
            ),
            variant(
                Format.SHORT_TEXT,
                "Có người hứa mai mối lấy chồng nước ngoài giàu, cho tiền gia đình? "
                "Coi chừng bị lừa bán! Tìm hiểu kỹ, đăng ký kết hôn đúng luật. Báo "
                "113.",
                ages=["youth"],
                risks=["women"],
            ),
            variant(
                Format.POSTER_CAPTION,
                "Lấy chồng qua môi giới trái phép có thể là bẫy mua bán người. Hãy tìm "
                "hiểu kỹ và đăng ký kết hôn đúng pháp luật.",
                risks=["women"],
            ),
            awaiting(
                HMONG_LANGUAGE,
                Format.LOUDSPEAKER_SCRIPT,
                MARRIAGE_VILLAGE_SCRIPT,
                risks=["women", "ethnic_minorities"],
                where=HMONG,
            ),
        ],
    },
    {
        "slug": "di-lam-an-xa-an-toan",
        "title": (
            "Đi làm ăn xa an toàn: chọn nơi được cấp phép, giữ giấy tờ, ký hợp đồng"
        ),
        "summary": (
            "Đi làm ở tỉnh khác hay ra nước ngoài là con đường chính đáng để có thu "
            "nhập. Để an toàn, hãy đi qua doanh nghiệp được cấp phép, ký hợp đồng lao "
            "động rõ ràng, tự giữ giấy tờ tùy thân và luôn giữ liên lạc với gia đình."
        ),
        "body": (
            "<p>Đi làm ăn xa giúp nhiều gia đình cải thiện cuộc sống. Chuẩn bị kỹ "
            "giúp người lao động tránh được bẫy của kẻ mua bán người.</p>"
            "<h2>Trước khi đi</h2>"
            "<ul>"
            "<li>Chỉ đi làm việc ở nước ngoài qua doanh nghiệp được Bộ Lao động – "
            "Thương binh và Xã hội cấp phép; hỏi Phòng Lao động – Thương binh và Xã "
            "hội huyện để kiểm tra.</li>"
            "<li>Đọc kỹ và ký hợp đồng lao động bằng văn bản; hiểu rõ công việc, nơi "
            "làm, tiền lương, chi phí.</li>"
            "<li>Để lại cho gia đình bản sao giấy tờ, tên, địa chỉ công ty và số "
            "điện thoại nơi làm việc.</li>"
            "</ul>"
            "<h2>Khi đang làm việc</h2>"
            "<ul>"
            "<li>Tự giữ hộ chiếu, giấy tờ tùy thân; không giao cho chủ hay người môi "
            "giới cất giữ.</li>"
            "<li>Thường xuyên liên lạc với gia đình.</li>"
            "<li>Ở nước ngoài, khi gặp khó khăn, hãy liên hệ Đại sứ quán hoặc Lãnh sự "
            "quán Việt Nam.</li>"
            "</ul>"
            "<p>Bị ép làm việc, bị giữ giấy tờ hoặc bị lừa, hãy gọi 113.</p>"
        ),
        "key_points": [
            "Chỉ đi qua doanh nghiệp được cấp phép; hỏi Phòng Lao động – Thương binh "
            "và Xã hội để kiểm tra.",
            "Ký hợp đồng lao động bằng văn bản và hiểu rõ từng điều.",
            "Tự giữ giấy tờ tùy thân; để lại bản sao và địa chỉ nơi làm cho gia đình.",
        ],
        "call_to_action": "Bị ép làm việc, bị giữ giấy tờ hoặc bị lừa, hãy gọi 113",
        "hotline": POLICE,
        "tags": ["lao động di cư", "việc làm", "xuất khẩu lao động"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con! Đi làm ăn xa, ở tỉnh ngoài hay ở nước ngoài, là con "
                "đường chính đáng để có thu nhập. Để chuyến đi an toàn, xin bà con nhớ "
                "ba điều. Thứ nhất, chỉ đi xuất khẩu lao động qua doanh nghiệp được "
                "Nhà nước cấp phép; muốn biết doanh nghiệp có được cấp phép hay không, "
                "hãy hỏi cán bộ Lao động – Thương binh và Xã hội của xã, của huyện. "
                "Thứ hai, phải ký hợp đồng lao động bằng văn bản, đọc kỹ công việc, "
                "tiền lương, nơi làm trước khi ký. Thứ ba, tự giữ giấy tờ tùy thân, "
                "không giao cho ai cất giữ, và để lại cho gia đình địa chỉ, số điện "
                "thoại nơi làm việc. Khi bị ép làm việc, bị giữ giấy tờ hoặc bị lừa, "
                "hãy báo ngay cho Công an qua số 113. Xin cảm ơn bà con!",
                ages=["youth", "adults"],
                risks=["migrant_workers"],
            ),
            variant(
                Format.SHORT_TEXT,
                "Đi làm xa: chọn công ty được cấp phép, ký hợp đồng, tự giữ giấy tờ, "
                "báo địa chỉ cho gia đình. Bị lừa, bị giữ giấy tờ, gọi ngay 113.",
                ages=["youth"],
                risks=["migrant_workers"],
            ),
            variant(
                Format.SOCIAL_POST,
                "Sắp đi làm xa? Ghi nhớ trước khi lên đường: 1) Chỉ đi qua doanh "
                "nghiệp được cấp phép, hỏi Phòng Lao động – Thương binh và Xã hội "
                "huyện để kiểm tra. 2) Ký hợp đồng lao động bằng văn bản, hiểu rõ công "
                "việc, tiền lương. 3) Tự giữ hộ chiếu, giấy tờ tùy thân; để lại bản "
                "sao và địa chỉ nơi làm cho gia đình. 4) Thường xuyên liên lạc với "
                "người thân. Bị lừa, bị giữ giấy tờ: gọi 113.",
                ages=["youth", "adults"],
                risks=["migrant_workers"],
            ),
        ],
    },
    {
        "slug": "bao-tin-mua-ban-nguoi",
        "title": "Thấy dấu hiệu mua bán người, hãy báo ngay",
        "summary": (
            "Mỗi tin báo kịp thời có thể cứu một người. Khi nghi có người bị dụ dỗ, "
            "lừa bán, hãy gọi 113 (Công an) hoặc 111 (Tổng đài quốc gia bảo vệ trẻ em, "
            "miễn phí), hoặc báo Công an xã, đồn Biên phòng, Ủy ban nhân dân xã gần "
            "nhất."
        ),
        "body": (
            "<p>Mua bán người thường diễn ra rất nhanh. Báo tin sớm giúp cơ quan chức "
            "năng kịp ngăn chặn và giải cứu.</p>"
            "<h2>Báo cho ai</h2>"
            "<ul>"
            "<li>Gọi 113 – Công an, trực 24/7.</li>"
            "<li>Gọi 111 – Tổng đài quốc gia bảo vệ trẻ em, miễn phí, trực 24/7.</li>"
            "<li>Đến Công an xã, đồn Biên phòng hoặc Ủy ban nhân dân xã gần nhất.</li>"
            "</ul>"
            "<h2>Nói những gì</h2>"
            "<ul>"
            "<li>Chuyện gì đã xảy ra, ở đâu, khi nào.</li>"
            "<li>Đặc điểm người khả nghi, phương tiện, số điện thoại, tài khoản mạng "
            "xã hội (nếu biết).</li>"
            "<li>Người có thể đang gặp nguy hiểm đang ở đâu, đi về hướng nào.</li>"
            "</ul>"
            "<p>Người báo tin được giữ bí mật. Đừng tự mình đối đầu với kẻ xấu; hãy "
            "để cơ quan chức năng xử lý.</p>"
        ),
        "key_points": [
            "Gọi 113 (Công an) hoặc 111 (bảo vệ trẻ em, miễn phí), trực 24/7.",
            "Có thể báo Công an xã, đồn Biên phòng, Ủy ban nhân dân xã gần nhất.",
            "Người báo tin được giữ bí mật.",
        ],
        "call_to_action": "Thấy dấu hiệu mua bán người, hãy gọi ngay 113",
        "hotline": POLICE,
        "tags": ["tố giác", "đường dây nóng"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con! Mua bán người thường diễn ra rất nhanh, nên mỗi tin "
                "báo sớm có thể cứu một người. Khi thấy người lạ dụ dỗ phụ nữ, trẻ em "
                "đi xa, thấy ai đó bị đưa đi mà không rõ lý do, hoặc có người thân đi "
                "làm ăn xa mà mất liên lạc, bà con hãy báo ngay. Bà con có thể gọi số "
                "113 của Công an, hoặc số 111 là Tổng đài quốc gia bảo vệ trẻ em, gọi "
                "miễn phí, trực suốt ngày đêm. Bà con cũng có thể đến Công an xã, Ủy "
                "ban nhân dân xã hoặc đồn Biên phòng gần nhất. Khi báo, hãy nói rõ "
                "chuyện gì xảy ra, ở đâu, khi nào. Người báo tin được giữ bí mật. Xin "
                "nhắc lại: gọi 113 hoặc 111. Xin cảm ơn bà con!",
            ),
            variant(
                Format.SHORT_TEXT,
                "Nghi có người bị dụ dỗ, lừa bán? Gọi ngay 113 (Công an) hoặc 111 (bảo "
                "vệ trẻ em, miễn phí), trực 24/7. Người báo tin được giữ bí mật.",
            ),
            variant(
                Format.SHORT_TEXT,
                "Có người lạ rủ em đi xa, hứa cho tiền hay việc làm? Đừng đi! Nói ngay "
                "với bố mẹ, thầy cô hoặc gọi 111, miễn phí.",
                ages=["children"],
                risks=["children", "students"],
            ),
            variant(
                Format.POSTER_CAPTION,
                "Thấy dấu hiệu mua bán người – gọi ngay 113. Trẻ em cần giúp đỡ – gọi "
                "111, miễn phí, 24/7.",
            ),
            variant(
                Format.SOCIAL_POST,
                "Bạn nghi có người đang bị dụ dỗ đi làm, đi lấy chồng hay đi chơi xa "
                "rồi mất liên lạc? Đừng im lặng. Gọi 113 (Công an) hoặc 111 (Tổng đài "
                "quốc gia bảo vệ trẻ em, miễn phí), cả hai trực 24/7. Hãy nói rõ "
                "chuyện gì xảy ra, ở đâu, khi nào. Người báo tin được giữ bí mật. Chia "
                "sẻ để bạn bè cùng biết.",
                ages=["youth"],
            ),
        ],
    },
    {
        "slug": "ho-tro-nguoi-tro-ve-hoa-nhap",
        "title": "Người trở về cần được cảm thông, không kỳ thị",
        "summary": (
            "Người bị mua bán trở về là nạn nhân, không có lỗi. Nhà nước có chính sách "
            "hỗ trợ chăm sóc sức khỏe, tư vấn tâm lý, học nghề, việc làm và trợ cấp "
            "khó khăn ban đầu. Sự cảm thông của gia đình, hàng xóm giúp họ sớm ổn định "
            "cuộc sống."
        ),
        "body": (
            "<p>Những người bị lừa bán trở về là nạn nhân của tội phạm. Họ không có "
            "lỗi và cần được đối xử tôn trọng như mọi người khác.</p>"
            "<h2>Nhà nước hỗ trợ</h2>"
            "<ul>"
            "<li>Chăm sóc sức khỏe, tư vấn tâm lý.</li>"
            "<li>Hỗ trợ học văn hóa, học nghề, tìm việc làm.</li>"
            "<li>Trợ cấp khó khăn ban đầu theo quy định.</li>"
            "</ul>"
            "<p>Người trở về hoặc gia đình có thể liên hệ Ủy ban nhân dân xã, cán bộ "
            "Lao động – Thương binh và Xã hội hoặc Hội Liên hiệp Phụ nữ xã để được "
            "hướng dẫn.</p>"
            "<h2>Mỗi người có thể giúp</h2>"
            "<ul>"
            "<li>Chào đón, động viên; không xa lánh, không bàn tán.</li>"
            "<li>Không hỏi dồn chuyện cũ, không kể chuyện của họ cho người khác, "
            "không đăng hình ảnh, thông tin của họ lên mạng.</li>"
            "<li>Giúp họ có việc làm, cùng tham gia sinh hoạt của thôn, bản.</li>"
            "</ul>"
        ),
        "key_points": [
            "Người bị mua bán là nạn nhân, không có lỗi.",
            "Không xa lánh, không bàn tán, không đăng thông tin của họ lên mạng.",
            "Nhà nước hỗ trợ y tế, tâm lý, học nghề, việc làm và trợ cấp ban đầu.",
        ],
        "call_to_action": (
            "Cần hỗ trợ, hãy liên hệ Ủy ban nhân dân xã; với trẻ em, gọi 111 miễn phí"
        ),
        "hotline": CHILD_LINE,
        "tags": ["hỗ trợ nạn nhân", "tái hòa nhập", "cộng đồng"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con! Thời gian qua, một số người bị lừa bán, trong đó có "
                "phụ nữ và trẻ em, đã được giải cứu và trở về với gia đình. Họ là nạn "
                "nhân của tội phạm, họ không có lỗi. Điều họ cần nhất lúc này là sự "
                "cảm thông của gia đình, hàng xóm, làng bản. Xin bà con đừng xa lánh, "
                "đừng bàn tán, đừng hỏi dồn chuyện cũ và không đưa hình ảnh, thông tin "
                "của họ lên mạng. Hãy động viên họ học nghề, tìm việc làm, cùng tham "
                "gia sinh hoạt của thôn, bản. Nhà nước có chính sách hỗ trợ chăm sóc "
                "sức khỏe, tư vấn tâm lý, học văn hóa, học nghề và trợ cấp khó khăn "
                "ban đầu. Người trở về hoặc gia đình có thể liên hệ Ủy ban nhân dân "
                "xã, cán bộ Lao động – Thương binh và Xã hội hoặc Hội Phụ nữ xã để "
                "được hướng dẫn. Với trẻ em, gia đình có thể gọi số 111, miễn phí. Xin "
                "cảm ơn bà con!",
            ),
            variant(
                Format.SHORT_TEXT,
                "Người bị mua bán trở về không có lỗi. Hãy cảm thông, không bàn tán, "
                "không xa lánh. Cần hỗ trợ, liên hệ UBND xã; trẻ em gọi 111 miễn phí.",
                ages=["adults"],
            ),
            variant(
                Format.SOCIAL_POST,
                "Người bị mua bán trở về không có lỗi. Một lời hỏi thăm, một cơ hội "
                "học nghề, việc làm giúp họ bắt đầu lại. Đừng bàn tán, đừng chia sẻ "
                "hình ảnh hay thông tin của họ. Hãy chung tay để người trở về sớm ổn "
                "định cuộc sống. Trẻ em cần hỗ trợ: gọi 111, miễn phí.",
                ages=["youth"],
            ),
            variant(
                Format.POSTER_CAPTION,
                "Đón người trở về bằng sự cảm thông – không kỳ thị, không xa lánh.",
            ),
        ],
    },
    {
        "slug": "an-toan-tren-mang",
        "title": "An toàn trên mạng: không đi gặp người lạ quen qua mạng",
        "summary": (
            "Kẻ xấu có thể làm quen với các em qua Facebook, Zalo, trò chơi trực "
            "tuyến, hứa cho việc làm, tiền hay tình yêu rồi rủ đi gặp và đưa đi xa. "
            "Các em không đi gặp người chỉ quen qua mạng; cha mẹ hãy trò chuyện và để "
            "ý khi con có bạn mới trên mạng."
        ),
        "body": (
            "<p>Mạng xã hội giúp các em học tập, kết bạn, nhưng cũng là nơi kẻ mua "
            "bán người tìm cách làm quen. Chúng thường giả làm bạn cùng tuổi, người "
            "yêu hoặc người tuyển dụng, hứa cho việc làm lương cao, quà, tiền hay "
            "tình yêu, rồi rủ gặp mặt và đưa đi.</p>"
            "<h2>Các em nhớ</h2>"
            "<ul>"
            "<li>Không đi gặp người chỉ quen qua mạng; nếu cần gặp, phải có bố mẹ đi "
            "cùng.</li>"
            "<li>Không gửi ảnh riêng tư, địa chỉ nhà, số điện thoại cho người lạ.</li>"
            "<li>Thấy sợ hãi hay bị đe dọa, hãy kể ngay với bố mẹ, thầy cô hoặc gọi "
            "111, miễn phí.</li>"
            "</ul>"
            "<h2>Cha mẹ, thầy cô</h2>"
            "<ul>"
            "<li>Thường xuyên trò chuyện, hỏi con đang kết bạn với ai trên mạng.</li>"
            "<li>Để ý khi con có quà, tiền lạ hoặc muốn đi xa gặp bạn mới.</li>"
            "<li>Gọi 111 để được tư vấn khi lo lắng cho an toàn của con.</li>"
            "</ul>"
        ),
        "key_points": [
            "Không đi gặp người chỉ quen qua mạng.",
            "Không gửi ảnh riêng tư, địa chỉ, số điện thoại cho người lạ.",
            "Thấy sợ hoặc bị đe dọa, kể ngay với bố mẹ, thầy cô hoặc gọi 111.",
        ],
        "call_to_action": "Trẻ em cần giúp đỡ, hãy gọi 111 – miễn phí, 24/7",
        "hotline": CHILD_LINE,
        "tags": ["trẻ em", "mạng xã hội"],
        "variants": [
            variant(
                Format.SHORT_TEXT,
                "Người lạ trên mạng hứa cho tiền, việc làm hay tình yêu rồi rủ đi gặp? "
                "Đừng đi! Kể ngay với bố mẹ, thầy cô hoặc gọi 111 miễn phí.",
                ages=["children"],
                risks=["children", "students"],
            ),
            variant(
                Format.POSTER_CAPTION,
                "Bạn trên mạng chưa chắc là bạn thật. Không đi gặp người lạ quen qua "
                "mạng. Cần giúp đỡ, gọi 111.",
                ages=["children"],
                risks=["children", "students"],
            ),
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con, các bậc cha mẹ! Ngày nay nhiều em học sinh dùng "
                "điện thoại, Facebook, Zalo. Kẻ mua bán người có thể lợi dụng mạng xã "
                "hội để làm quen với các em, giả làm bạn bè, người yêu hoặc người "
                "tuyển dụng, hứa cho việc làm, cho tiền, cho quà, rồi rủ các em đi gặp "
                "và đưa đi xa. Xin các bậc cha mẹ hãy thường xuyên trò chuyện với con, "
                "hỏi con đang kết bạn với ai trên mạng, để ý khi con có quà, có tiền "
                "lạ hoặc muốn đi xa gặp bạn mới. Hãy dặn con không đi gặp người chỉ "
                "quen qua mạng, không gửi ảnh, địa chỉ cho người lạ. Khi lo lắng cho "
                "an toàn của con, hãy gọi ngay số 111, Tổng đài quốc gia bảo vệ trẻ "
                "em, miễn phí, trực suốt ngày đêm. Xin cảm ơn bà con!",
                ages=["adults"],
                risks=["children"],
            ),
            variant(
                Format.SOCIAL_POST,
                "Quen qua mạng vài tuần, được hứa việc làm lương cao hay hứa hẹn yêu "
                "đương, rồi được rủ đi xa gặp mặt? Hãy dừng lại: kẻ mua bán người "
                "thường làm quen đúng như vậy. Không đi gặp người chỉ quen qua mạng, "
                "không gửi ảnh riêng tư, địa chỉ cho người lạ. Thấy bạn bè có dấu hiệu "
                "bị dụ dỗ, hãy báo người lớn hoặc gọi 113; bạn dưới 16 tuổi có thể gọi "
                "111, miễn phí.",
                ages=["youth"],
                risks=["students"],
            ),
        ],
    },
    {
        "slug": "canh-giac-vung-bien-gioi",
        "title": "Vùng biên giới giáp Lào: cùng cảnh giác, giữ bình yên bản làng",
        "summary": (
            "Từ ngày 1/7 đến 30/9/2017, Công an và Bộ đội Biên phòng tỉnh mở đợt cao "
            "điểm trấn áp tội phạm mua bán người, tập trung trên tuyến biên giới giáp "
            "Lào. Bà con không đi theo người lạ qua biên giới bằng đường mòn, lối mở "
            "và báo ngay cho đồn Biên phòng khi thấy điều bất thường."
        ),
        "body": (
            "<p>Tuyến biên giới giáp Lào là địa bàn trọng điểm của kế hoạch hưởng ứng "
            "Ngày toàn dân phòng, chống mua bán người năm 2017. Từ ngày 1/7 đến "
            "30/9/2017, Công an tỉnh phối hợp với Bộ đội Biên phòng mở đợt cao điểm "
            "tấn công, trấn áp tội phạm mua bán người.</p>"
            "<h2>Bà con cần cảnh giác khi</h2>"
            "<ul>"
            "<li>Có người lạ vào bản rủ đi làm thuê, đi lấy chồng ở bên kia biên "
            "giới.</li>"
            "<li>Có người rủ qua biên giới bằng đường mòn, lối mở, không làm giấy "
            "tờ.</li>"
            "<li>Có người trong bản đi xa mà gia đình không liên lạc được.</li>"
            "</ul>"
            "<h2>Báo ngay cho</h2>"
            "<ul>"
            "<li>Đồn Biên phòng gần nhất, trưởng bản, Công an xã, Ủy ban nhân dân "
            "xã.</li>"
            "<li>Hoặc gọi 113; trẻ em cần giúp đỡ, gọi 111 (miễn phí).</li>"
            "</ul>"
        ),
        "key_points": [
            "Không đi theo người lạ qua biên giới bằng đường mòn, lối mở.",
            "Qua biên giới phải có giấy tờ hợp lệ và đi qua cửa khẩu.",
            "Thấy điều bất thường, báo ngay đồn Biên phòng, trưởng bản hoặc gọi 113.",
        ],
        "call_to_action": (
            "Thấy người lạ rủ rê qua biên giới, hãy báo đồn Biên phòng hoặc gọi 113"
        ),
        "hotline": POLICE,
        "tags": ["biên giới", "dân tộc thiểu số"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                BORDER_SCRIPT,
                risks=["border_residents", "ethnic_minorities"],
                where=BORDER,
            ),
            variant(
                Format.SHORT_TEXT,
                BORDER_SHORT,
                ages=["youth"],
                risks=["border_residents", "women"],
                where=BORDER,
            ),
            variant(
                Format.POSTER_CAPTION,
                "Không đi theo người lạ qua đường mòn, lối mở. Thấy điều bất thường – "
                "báo ngay đồn Biên phòng hoặc gọi 113.",
                risks=["border_residents"],
                where=BORDER,
            ),
            awaiting(
                THAI,
                Format.LOUDSPEAKER_SCRIPT,
                BORDER_SCRIPT,
                risks=["border_residents", "ethnic_minorities"],
                where=BORDER,
            ),
            awaiting(
                HMONG_LANGUAGE,
                Format.SHORT_TEXT,
                BORDER_SHORT,
                ages=["youth"],
                risks=["border_residents", "ethnic_minorities"],
                where=HMONG,
            ),
        ],
    },
    {
        "slug": "chung-tay-phong-chong-mua-ban-nguoi",
        "title": "Chung tay phòng, chống mua bán người",
        "summary": (
            "Ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người. Phòng, "
            "chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và xã hội: "
            "mỗi người cảnh giác, mỗi nhà nhắc nhở nhau, mỗi thôn, bản, khu phố cùng "
            "phát hiện và báo tin."
        ),
        "body": (
            "<p>Theo Quyết định số 793/QĐ-TTg của Thủ tướng Chính phủ, ngày 30/7 hằng "
            "năm là “Ngày toàn dân phòng, chống mua bán người”. Năm 2017, tỉnh Thanh "
            "Hóa hưởng ứng với khẩu hiệu “Chung tay phòng, chống mua bán người”.</p>"
            "<h2>Mỗi người có thể làm gì</h2>"
            "<ul>"
            "<li><b>Mỗi người:</b> tìm hiểu các thủ đoạn lừa bán, không tin lời hứa "
            "“việc nhẹ lương cao”, báo tin khi thấy dấu hiệu nghi vấn.</li>"
            "<li><b>Mỗi gia đình:</b> trò chuyện với con em, biết con đi đâu, làm gì, "
            "với ai; bàn bạc kỹ trước khi người thân đi làm ăn xa.</li>"
            "<li><b>Cộng đồng:</b> để ý người lạ đến thôn, bản; giúp người bị mua bán "
            "trở về hòa nhập; cùng xây dựng khu dân cư an toàn về an ninh trật "
            "tự.</li>"
            "</ul>"
            "<p>Thấy dấu hiệu mua bán người, hãy gọi 113; trẻ em cần giúp đỡ, gọi 111 "
            "(miễn phí).</p>"
        ),
        "key_points": [
            "Ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người.",
            "Phòng, chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và "
            "xã hội.",
            "Thấy dấu hiệu nghi vấn, gọi 113; trẻ em cần giúp đỡ, gọi 111.",
        ],
        "call_to_action": "Thấy dấu hiệu mua bán người, hãy gọi ngay 113",
        "hotline": POLICE,
        "tags": ["cộng đồng", "ngày 30/7"],
        "variants": [
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "Kính thưa bà con! Ngày 30 tháng 7 hằng năm là Ngày toàn dân phòng, "
                "chống mua bán người. Năm nay, tỉnh Thanh Hóa hưởng ứng với khẩu hiệu: "
                "Chung tay phòng, chống mua bán người. Phòng, chống mua bán người là "
                "trách nhiệm của mỗi cá nhân, gia đình và xã hội. Mỗi người hãy tỉnh "
                "táo trước lời hứa việc nhẹ lương cao, lấy chồng giàu ở nơi xa. Mỗi "
                "gia đình hãy trò chuyện với con em, biết con đi đâu, làm gì, với ai. "
                "Mỗi thôn, bản, khu phố hãy để ý người lạ đến rủ rê, và giúp những "
                "người bị mua bán trở về sớm ổn định cuộc sống, không xa lánh, không "
                "kỳ thị. Khi thấy dấu hiệu nghi vấn, bà con hãy báo Công an xã, Ủy ban "
                "nhân dân xã hoặc gọi số 113; trẻ em cần giúp đỡ, gọi số 111, miễn "
                "phí. Xin cảm ơn bà con!",
            ),
            variant(
                Format.SHORT_TEXT,
                "30/7 – Ngày toàn dân phòng, chống mua bán người. Mỗi người cảnh giác, "
                "mỗi nhà nhắc nhau. Thấy dấu hiệu nghi vấn, gọi 113; trẻ em cần giúp, "
                "gọi 111.",
                ages=["adults"],
            ),
            variant(
                Format.POSTER_CAPTION,
                "Chung tay phòng, chống mua bán người – trách nhiệm của mỗi cá nhân, "
                "gia đình và xã hội.",
            ),
            variant(
                Format.SOCIAL_POST,
                "30/7 – Ngày toàn dân phòng, chống mua bán người. Bạn có thể góp sức "
                "ngay hôm nay: chia sẻ với bạn bè các chiêu lừa “việc nhẹ lương cao”, "
                "nhắc người thân không đi theo người lạ quen qua mạng, và báo tin khi "
                "thấy dấu hiệu nghi vấn: gọi 113, hoặc 111 nếu là trẻ em (miễn phí). "
                "Chung tay phòng, chống mua bán người!",
                ages=["youth"],
            ),
        ],
    },
]


def _hotlines() -> dict[str, Hotline]:
    hotlines = {}
    for number, name, hours in HOTLINES:
        hotlines[number], _ = Hotline.objects.get_or_create(
            number=number, defaults={"name": name, "hours": hours}
        )
    return hotlines


def _districts() -> dict[str, list[Region]]:
    """The province's districts for each targeting key, from their imported flags."""
    province = Region.objects.get(code=settings.PROVINCE_CODE)
    districts = list(province.get_children())
    return {
        PROVINCE: [],
        BORDER: [d for d in districts if d.border],
        ETHNIC: [d for d in districts if d.ethnic_minority],
        HMONG: [d for d in districts if "H'Mông" in d.ethnic_groups],
    }


def _message(spec, *, hotlines, districts) -> MessagePage:
    page = MessagePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=spec["body"],
        key_points=[("point", point) for point in spec["key_points"]],
        call_to_action=spec["call_to_action"],
        hotline=hotlines[spec["hotline"]],
    )
    page.tags.add(*spec["tags"])
    for order, item in enumerate(spec["variants"]):
        item = dict(item)
        ages, risks, where = item.pop("ages"), item.pop("risks"), item.pop("where")
        entry = MessageVariant(
            sort_order=order,
            format=item.pop("format"),
            text=item.pop("text"),
            language_id=item.pop("language"),
            **item,
        )
        entry.age_bands = AgeBand.objects.filter(code__in=ages)
        entry.risk_groups = RiskGroup.objects.filter(code__in=risks)
        entry.target_regions = districts[where]
        page.variants.add(entry)
    return page


def load() -> int:
    """Create and publish the messages the campaign lacks; return how many it has."""
    campaign = CampaignPage.objects.get(year=2017)
    hotlines = _hotlines()
    districts = _districts()
    existing = set(
        MessagePage.objects.child_of(campaign).values_list("slug", flat=True)
    )
    for spec in MESSAGES:
        if spec["slug"] in existing:
            continue
        page = _message(spec, hotlines=hotlines, districts=districts)
        campaign.add_child(instance=page)
        page.save_revision().publish()
    return MessagePage.objects.child_of(campaign).count()
