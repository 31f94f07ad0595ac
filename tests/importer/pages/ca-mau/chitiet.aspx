<html><head><meta charset="utf-8"><title>Tin tức</title></head><body>
<div id="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li></ul></div>
<div id="content">
<span class="ArticleTitle">Cà Mau sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW</span>
<span class="ArticleDate">Ngày đăng: 15/03/2019</span>
<div class="ArticleContent">
<p>Ngày 14/3, Tỉnh ủy Cà Mau tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.</p>
<p><img src="anh-hoi-nghi.jpg"></p>
<p><em>Các đại biểu dự hội nghị sơ kết</em></p>
<p>Qua 5 năm, việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã trở thành nền nếp trong sinh hoạt của các chi bộ trên địa bàn tỉnh Cà Mau.</p>
<p>Hội nghị khen thưởng 30 tập thể, 45 cá nhân có thành tích tiêu biểu trong học tập và làm theo gương Bác giai đoạn 2016 - 2021 của tỉnh.</p>
<p>Số lần xem: 56</p>
</div></div>
<div id="footer"><p>Cơ quan chủ quản: Ban Tuyên giáo Tỉnh ủy Cà Mau</p><p>Điện thoại: 0290.3831.010</p></div>
</body></html>
