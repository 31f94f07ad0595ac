"""Vocabulary and sentence patterns for ``generate_demo`` (demo/corpus.py): the kind of
news a provincial propaganda board publishes (meetings, study sessions, public-opinion
reports, model citizens, digital transformation...), in the words the seed articles use.

Slots: {unit} (short name, "Hậu Giang"), {unit_full} ("Tỉnh Hậu Giang"), {directive}
("Nghị quyết 35-NQ/TW"), {topic}, {org}, {period}, {year}, {name}, {role}, {n}, {m},
{day}, {month}.
"""

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lâm",
    "Trương",
    "Mai",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Quang",
    "Ngọc",
    "Công",
    "Xuân",
    "Thu",
    "Hồng",
    "Anh",
    "Quốc",
    "Kim",
    "Bảo",
    "Thế",
    "Trọng",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Hương",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vinh",
    "Yến",
    "Đạt",
    "Đông",
    "Giang",
    "Khánh",
    "Linh",
    "Nghĩa",
    "Thành",
    "Trung",
    "Hạnh",
    "Lộc",
    "Thủy",
    "Tâm",
    "Hiếu",
    "Nhung",
    "Oanh",
    "Tài",
    "Tín",
    "Uyên",
    "Việt",
]

ROLES = [
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tuyên giáo Tỉnh ủy",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Phó Trưởng ban Tuyên giáo Tỉnh ủy",
    "Phó Trưởng ban Thường trực Ban Tuyên giáo Tỉnh ủy",
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Trưởng ban Dân vận Tỉnh ủy",
    "Bí thư Huyện ủy",
    "Giám đốc Trung tâm Chính trị huyện",
]

TOPICS = [
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "xây dựng nông thôn mới",
    "chuyển đổi số",
    "phòng, chống dịch Covid-19",
    "cải cách hành chính",
    "dân vận khéo",
    "phát triển kinh tế - xã hội",
    "bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp",
    "bảo đảm an sinh xã hội",
    "giảm nghèo bền vững",
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "xây dựng văn hóa, con người Việt Nam",
    "bảo vệ chủ quyền biển, đảo",
    "phòng, chống tham nhũng, tiêu cực",
    "sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả",
    "thông tin đối ngoại",
    "phát triển giáo dục và đào tạo",
    "công tác nắm bắt dư luận xã hội",
    "thực hiện quy chế dân chủ ở cơ sở",
    "phòng, chống thiên tai và ứng phó biến đổi khí hậu",
    "bảo đảm trật tự an toàn giao thông",
    "phát triển du lịch",
    "thu hút đầu tư",
    "công tác giáo dục lý luận chính trị",
    "trách nhiệm nêu gương của cán bộ, đảng viên",
]

ORGS = [
    "Mặt trận Tổ quốc",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Liên đoàn Lao động",
    "đội ngũ báo cáo viên",
    "cộng tác viên dư luận xã hội",
    "chi bộ khu dân cư",
    "lực lượng vũ trang",
    "Trung tâm Chính trị cấp huyện",
    "Ban Chỉ đạo 35",
]

PERIODS = [
    "6 tháng đầu năm {year}",
    "6 tháng cuối năm {year}",
    "quý I/{year}",
    "quý II/{year}",
    "quý III/{year}",
    "năm {year}",
    "9 tháng năm {year}",
]

TITLES = [
    "{unit}: Hội nghị sơ kết {period} thực hiện {directive}",
    "Ban Tuyên giáo Tỉnh ủy {unit} triển khai nhiệm vụ {period}",
    "{unit} tổ chức học tập, quán triệt {directive}",
    "Nâng cao hiệu quả công tác {topic} tại {unit}",
    "Đẩy mạnh tuyên truyền {topic} năm {year}",
    "Giao ban công tác tuyên giáo {period}",
    "{unit} tổng kết công tác Tuyên giáo năm {year}",
    "Đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng",
    "Hội nghị báo cáo viên {period}",
    "Phát huy vai trò của {org} trong {topic}",
    "Khảo sát tình hình tư tưởng của cán bộ, đảng viên ở cơ sở",
    "{unit}: Kết nạp {n} đảng viên mới trong {period}",
    "Nắm bắt dư luận xã hội về {topic}",
    "Học tập và làm theo Bác ở {unit}",
    "Thông tin thời sự cho báo cáo viên {period}",
    "Công tác dân vận góp phần {topic}",
    "Chuyển đổi số trong công tác tuyên giáo ở {unit}",
    "Sơ kết {n} năm thực hiện {directive}",
    "Đảng bộ {unit} lãnh đạo {topic}",
    "Gương sáng đảng viên trong {topic}",
    "Tập huấn nghiệp vụ công tác tuyên giáo năm {year}",
    "{unit} biểu dương điển hình tiên tiến trong {topic}",
    "Đưa {directive} vào cuộc sống",
    "Kỷ niệm {n} năm Ngày thành lập Ban Tuyên giáo Tỉnh ủy {unit}",
    "Hội thi báo cáo viên giỏi tỉnh {unit} năm {year}",
]

SUMMARIES = [
    "Sáng {day}/{month}, Ban Tuyên giáo Tỉnh ủy {unit} tổ chức hội nghị {topic}, "
    "kết nối trực tuyến đến {n} điểm cầu trong tỉnh.",
    "Ngày {day}/{month}/{year}, tại {unit_full}, đồng chí {name}, {role}, chủ trì hội nghị "
    "triển khai {directive}.",
    "Trong {period}, ngành Tuyên giáo {unit} đã hoàn thành cơ bản các mục tiêu, nhiệm vụ "
    "đề ra, nổi bật là công tác {topic}.",
    "Chiều {day}/{month}, {org} tỉnh {unit} phối hợp tổ chức tuyên truyền {topic} cho hơn "
    "{m} cán bộ, đảng viên và nhân dân.",
    "Thực hiện {directive}, các cấp ủy đảng ở {unit} đã cụ thể hóa thành chương trình, kế "
    "hoạch phù hợp với tình hình địa phương.",
]

SENTENCES = [
    "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến đến {n} điểm cầu cấp "
    "huyện và cấp xã.",
    "Đồng chí {name}, {role}, chủ trì hội nghị.",
    "Trong {period}, ngành Tuyên giáo toàn tỉnh đã hoàn thành cơ bản các mục tiêu, nhiệm vụ đề ra.",
    "Công tác tuyên truyền, học tập, quán triệt {directive} được triển khai kịp thời, "
    "nghiêm túc, đúng kế hoạch.",
    "Đội ngũ báo cáo viên, tuyên truyền viên được củng cố, kiện toàn; chất lượng sinh hoạt "
    "chi bộ từng bước được nâng lên.",
    "Bên cạnh những kết quả đạt được, công tác {topic} vẫn còn một số hạn chế nhất định.",
    "Tình hình tư tưởng của cán bộ, đảng viên và nhân dân trên địa bàn cơ bản ổn định; "
    "nhân dân tin tưởng vào sự lãnh đạo của Đảng.",
    "Các cấp ủy đảng đã tổ chức {n} cuộc thông tin thời sự với hơn {m} lượt người tham dự.",
    "Phát biểu chỉ đạo, đồng chí {name} đề nghị các cơ quan, đơn vị tiếp tục đổi mới nội "
    "dung, phương thức tuyên truyền.",
    "Dịp này, Ban Thường vụ Tỉnh ủy đã tặng Bằng khen cho {n} tập thể và {m} cá nhân có "
    "thành tích xuất sắc.",
    "Ban Chỉ đạo 35 tỉnh đã chỉ đạo lực lượng nòng cốt đăng tải hơn {m} tin, bài đấu tranh "
    "phản bác các quan điểm sai trái, thù địch.",
    "Trong thời gian tới, ngành Tuyên giáo tập trung tham mưu cấp ủy lãnh đạo, chỉ đạo thực "
    "hiện thắng lợi nhiệm vụ chính trị của địa phương.",
    "Mô hình “Dân vận khéo” tiếp tục được nhân rộng ở nhiều địa phương, góp phần phát triển "
    "kinh tế - xã hội.",
    "Toàn tỉnh có {m} đảng viên tham gia học tập trực tuyến các chuyên đề năm {year}.",
    "Công tác nắm bắt, định hướng dư luận xã hội được thực hiện thường xuyên, kịp thời.",
    "Các đại biểu đã thảo luận, làm rõ những khó khăn, vướng mắc và đề xuất giải pháp khắc phục.",
    "{org} đã chủ động phối hợp tuyên truyền {topic} đến đoàn viên, hội viên.",
    "Việc ứng dụng công nghệ thông tin, mạng xã hội vào hoạt động tuyên truyền được đẩy mạnh.",
    "Nhiều cách làm hay, mô hình mới trong {topic} được các địa phương triển khai hiệu quả.",
    "Đến nay, {n}/{m} chi bộ đã đưa nội dung học tập chuyên đề vào sinh hoạt định kỳ.",
    "Đồng chí {name} yêu cầu các cấp ủy, tổ chức đảng tăng cường kiểm tra, giám sát việc "
    "thực hiện {directive}.",
    "Hội nghị đã thông qua chương trình công tác trọng tâm {period}.",
    "Cán bộ, đảng viên phải thực sự nêu gương, nói đi đôi với làm.",
    "Công tác bồi dưỡng lý luận chính trị cho đảng viên mới được tổ chức thường xuyên, với "
    "{n} lớp và hơn {m} học viên.",
    "Nhân dân đồng tình, ủng hộ các chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Lãnh đạo tỉnh ghi nhận và đánh giá cao những kết quả mà ngành Tuyên giáo đạt được.",
    "Các địa phương cần quan tâm hơn nữa đến chế độ, chính sách đối với cán bộ làm công tác "
    "tuyên giáo ở cơ sở.",
    "Phong trào thi đua yêu nước được phát động sâu rộng, thu hút đông đảo nhân dân tham gia.",
    "Báo, đài của tỉnh đã mở chuyên trang, chuyên mục tuyên truyền {topic}.",
    "Năm {year}, toàn tỉnh kết nạp được {m} đảng viên mới, vượt chỉ tiêu đề ra.",
    "Đợt sinh hoạt chính trị đã góp phần nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên.",
    "Ban Tuyên giáo Tỉnh ủy đã biên soạn và phát hành {n} tài liệu phục vụ công tác tuyên truyền.",
    "Đồng chí {name} đang công tác tại xã nhiều năm liền được công nhận đảng viên hoàn thành "
    "xuất sắc nhiệm vụ.",
    "Người dân đăng ký tham gia hiến đất làm đường giao thông nông thôn với tổng diện tích "
    "hơn {m} mét vuông.",
    "Các dạng thông tin xấu, độc trên không gian mạng được phát hiện và xử lý kịp thời.",
    "Hội nghị đã nghe báo cáo tình hình thời sự trong nước và quốc tế nổi bật {period}.",
]

CAPTIONS = [
    "Quang cảnh hội nghị.",
    "Đồng chí {name}, {role}, phát biểu tại hội nghị.",
    "Các đại biểu tham dự hội nghị tại điểm cầu {unit}.",
    "Trao Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.",
    "Báo cáo viên trao đổi với cán bộ, đảng viên ở cơ sở.",
    "Đoàn viên thanh niên tham gia hoạt động tuyên truyền.",
]

COMMENTS = [
    "Bài viết rất thiết thực, cảm ơn Ban Tuyên giáo.",
    "Mong các địa phương tiếp tục nhân rộng mô hình này.",
    "Thông tin kịp thời, bổ ích cho cán bộ cơ sở.",
    "Đề nghị ban biên tập đăng thêm tài liệu học tập chuyên đề.",
    "Tôi rất đồng tình với ý kiến chỉ đạo của đồng chí lãnh đạo tỉnh.",
    "Cần quan tâm hơn đến chế độ cho cán bộ bán chuyên trách ở xã.",
    "Hội nghị trực tuyến giúp tiết kiệm thời gian, chi phí, rất hay.",
    "Xin cảm ơn, bài viết giúp tôi hiểu rõ hơn về nghị quyết.",
]
