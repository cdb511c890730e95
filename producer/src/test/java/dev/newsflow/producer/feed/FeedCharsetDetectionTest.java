package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds that declare no encoding, neither in an XML declaration nor in an HTTP header, are read in the
 * encoding their bytes are in: Chinese feeds in GB2312, GBK or Big5 must not become windows-1252 mojibake.
 * The feeds are newsflow's own text.
 */
class FeedCharsetDetectionTest {
  private static final List<String> SIMPLIFIED = List.of(
      "本地科技公司发布新一代人工智能芯片，计划在下个月开始向云计算客户供货",
      "多家机器人企业在展会上展示人形机器人，工厂试点订单持续增加",
      "研究团队公开大模型的训练方法，开发者社区对推理速度的提升反应积极",
      "这家初创公司完成新一轮融资，资金将用于扩大数据中心和招聘工程师");
  // Characters beyond GB2312 (堃, 喆, 镕) that only GBK encodes.
  private static final List<String> GBK_ONLY = List.of(
      "王堃宣布公司将在深圳设立新的研发中心，专注于自动驾驶软件",
      "李喆表示，新款手机的影像系统由团队自行设计，下周正式开售",
      "朱镕所在的实验室发布开源模型，支持中文和英文的长文本理解",
      "分析人士认为，芯片出口规则的变化将影响明年的服务器采购计划");
  private static final List<String> TRADITIONAL = List.of(
      "本地科技公司發佈新一代人工智慧晶片，計劃在下個月開始向雲端運算客戶供貨",
      "多家機器人企業在展覽會上展示人形機器人，工廠試點訂單持續增加",
      "研究團隊公開大型語言模型的訓練方法，開發者社群對推論速度的提升反應積極",
      "這家新創公司完成新一輪融資，資金將用於擴大資料中心和招募工程師");

  private static byte[] feed(List<String> titles, Charset charset) {
    StringBuilder items = new StringBuilder();
    for (String t : titles) {
      items.append("<item><title>").append(t).append("</title><description>").append(t).append("。")
          .append(t).append("</description></item>");
    }
    // No XML declaration: nothing says which encoding the bytes are in.
    return ("<rss version=\"2.0\"><channel><title>科技新闻</title><link>https://news.example.cn/</link>" + items
        + "</channel></rss>").getBytes(charset);
  }

  private static List<String> titlesRead(byte[] bytes) throws FeedException {
    return new FeedParser().parse(bytes, null, null).items().stream().map(FeedItem::title).toList();
  }

  @Test
  void gb2312WithoutADeclarationIsReadAsChinese() throws FeedException {
    assertEquals(SIMPLIFIED, titlesRead(feed(SIMPLIFIED, Charset.forName("GB2312"))));
  }

  @Test
  void gbkWithoutADeclarationIsReadAsChinese() throws FeedException {
    assertEquals(GBK_ONLY, titlesRead(feed(GBK_ONLY, Charset.forName("GBK"))));
  }

  @Test
  void big5WithoutADeclarationIsReadAsChinese() throws FeedException {
    assertEquals(TRADITIONAL, titlesRead(feed(TRADITIONAL, Charset.forName("Big5"))));
  }

  @Test
  void utf8WithoutADeclarationStaysUtf8() throws FeedException {
    assertEquals(SIMPLIFIED, titlesRead(feed(SIMPLIFIED, StandardCharsets.UTF_8)));
  }

  @Test
  void latinTextWithoutADeclarationIsStillReadAsWindows1252() throws FeedException {
    List<String> titles = List.of("Café owners expect “record” sales", "Zürich start-up raises €12 million");
    assertEquals(titles, titlesRead(feed(titles, Charset.forName("windows-1252"))));
  }
}
