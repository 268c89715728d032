package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizersTest {

  private static List<String> found(String text, PiiType type) {
    return PiiScanner.defaults().scan(text).stream().filter(f -> f.type().equals(type)).map(Finding::text).toList();
  }

  @Test
  void phone_chineseTextWithoutSpaces() {
    assertThat(found("请拨打13812345678联系我", PiiType.PHONE)).containsExactly("13812345678");
    assertThat(found("电话：+86 138 1234 5678。", PiiType.PHONE)).containsExactly("+86 138 1234 5678");
  }

  @Test
  void phone_nationalFormatsOfEachRegion() {
    assertThat(found("Appelez le 06 12 34 56 78 demain", PiiType.PHONE)).containsExactly("06 12 34 56 78");
    assertThat(found("Call (415) 555-2671 now", PiiType.PHONE)).containsExactly("(415) 555-2671");
    assertThat(found("Ring 020 7946 0018 today", PiiType.PHONE)).containsExactly("020 7946 0018");
    assertThat(found("Tel. 030 12345678.", PiiType.PHONE)).containsExactly("030 12345678");
    assertThat(found("Tél.06 12 34 56 78", PiiType.PHONE)).containsExactly("06 12 34 56 78");
    assertThat(found("Intl +44 20 7946 0018.", PiiType.PHONE)).containsExactly("+44 20 7946 0018");
    assertThat(found("Tel: +33 (0)6 12 34 56 78.", PiiType.PHONE)).containsExactly("+33 (0)6 12 34 56 78");
    assertThat(found("座机：(010) 6552 9988", PiiType.PHONE)).containsExactly("(010) 6552 9988");
    assertThat(found("0086 138 1234 5678", PiiType.PHONE)).containsExactly("0086 138 1234 5678");
    assertThat(found("电话(+86) 138 1234 5678", PiiType.PHONE)).containsExactly("(+86) 138 1234 5678");
  }

  @Test
  void fullWidthDigitsAndSignsAreScannedAndQuotedAsWritten() {
    assertThat(found("电话：１３８００１３８０００，谢谢", PiiType.PHONE)).containsExactly("１３８００１３８０００");
    assertThat(found("邮箱：ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", PiiType.EMAIL)).containsExactly("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ");
    assertThat(found("身份证１１０１０１１９９００３０７４５１４。", PiiType.CN_ID)).containsExactly("１１０１０１１９９００３０７４５１４");
  }

  @Test
  void phone_withCountryCodeInARangeLibphonenumberDoesNotListIsStillAPhone() {
    // Ofcom's drama range: a possible length for +44 but not an assigned range in libphonenumber's metadata
    assertThat(found("or +44 7700 900123 after six", PiiType.PHONE)).containsExactly("+44 7700 900123");
    // too short for the country: not a possible number, not reported
    assertThat(found("ref +44 77 12", PiiType.PHONE)).isEmpty();
    assertThat(found("score +33 12 to 3", PiiType.PHONE)).isEmpty();
  }

  @Test
  void phone_referenceNumbersAndDatesAreNotPhones() {
    assertThat(found("invoice no. 2024000123", PiiType.PHONE)).isEmpty();
    assertThat(found("订单号2024000123已发货", PiiType.PHONE)).isEmpty();
    assertThat(found("on 2024-03-15 and 15/03/2024", PiiType.PHONE)).isEmpty();
    assertThat(found("phone for order 4155552671", PiiType.PHONE)).containsExactly("4155552671");
  }

  @Test
  void card_luhnAndIssuerChecked() {
    assertThat(found("card 4111 1111 1111 1111 exp 12/27", PiiType.CREDIT_CARD)).containsExactly("4111 1111 1111 1111");
    assertThat(found("card 4111-1111-1111-1112", PiiType.CREDIT_CARD)).isEmpty();
    assertThat(found("卡号4111111111111111谢谢", PiiType.CREDIT_CARD)).containsExactly("4111111111111111");
    assertThat(found("order ORD-4111111111111111", PiiType.CREDIT_CARD)).isEmpty();
  }

  @Test
  void iban_groupedOrNot() {
    assertThat(found("IBAN DE89 3704 0044 0532 0130 00.", PiiType.IBAN)).containsExactly("DE89 3704 0044 0532 0130 00");
    assertThat(found("IBAN: GB82WEST12345698765432", PiiType.IBAN)).containsExactly("GB82WEST12345698765432");
    assertThat(found("IBAN: GB82WEST12345698765433", PiiType.IBAN)).isEmpty();
    assertThat(found("iban fr1420041010050500013m02606", PiiType.IBAN)).containsExactly("fr1420041010050500013m02606");
  }

  @Test
  void cnId_checkDigitDateAndBoundaries() {
    String id = "11010519491231002X";
    assertThat(found("身份证号码" + id + "已登记", PiiType.CN_ID)).containsExactly(id);
    assertThat(found("身份证号码1" + id, PiiType.CN_ID)).isEmpty();
    assertThat(found("bad 110105194912310021", PiiType.CN_ID)).isEmpty();
  }

  @Test
  void nir_keyAndCorsica() {
    String nir = "1850578006084" + PiiSamples.nirKey("1850578006084");
    String grouped = PiiSamples.groupNir(nir);
    assertThat(found("NIR " + grouped + " ok", PiiType.FR_NIR)).containsExactly(grouped);
    assertThat(found("NIR:" + nir + ".", PiiType.FR_NIR)).containsExactly(nir);
    String corsica = "2690" + "52A" + "123456";
    corsica = corsica + PiiSamples.nirKey(corsica);
    assertThat(found("n° sécu " + corsica, PiiType.FR_NIR)).containsExactly(corsica);
    String wrongKey = nir.substring(0, 13) + PiiSamples.two((Integer.parseInt(nir.substring(13)) % 97) + 1);
    assertThat(found("NIR " + wrongKey, PiiType.FR_NIR)).isEmpty();
  }

  @Test
  void ssn_validRangesOnly() {
    assertThat(found("SSN 123-45-6789.", PiiType.US_SSN)).containsExactly("123-45-6789");
    assertThat(found("SSN#123-45-6789.", PiiType.US_SSN)).containsExactly("123-45-6789");
    assertThat(found("SSN 666-45-6789.", PiiType.US_SSN)).isEmpty();
    assertThat(found("SSN 900-45-6789.", PiiType.US_SSN)).isEmpty();
    assertThat(found("my SSN is 123456789", PiiType.US_SSN)).containsExactly("123456789");
    assertThat(found("invoice 123456789", PiiType.US_SSN)).isEmpty();
  }

  @Test
  void ip_v4AndV6() {
    assertThat(found("from 192.168.1.20, then", PiiType.IP_ADDRESS)).containsExactly("192.168.1.20");
    assertThat(found("version 1.2.3.4.5 and v1.2.3.4", PiiType.IP_ADDRESS)).isEmpty();
    assertThat(found("version 1.2.3.4, Build: 10.0.0.1, 版本：2.0.0.1, firmware 4.1.0.7", PiiType.IP_ADDRESS))
        .isEmpty();
    assertThat(found("version 1.2 runs on 10.0.0.1", PiiType.IP_ADDRESS)).containsExactly("10.0.0.1");
    assertThat(found("host 256.1.1.1", PiiType.IP_ADDRESS)).isEmpty();
    assertThat(found("addr fe80::1ff:fe23:4567:890a.", PiiType.IP_ADDRESS)).containsExactly("fe80::1ff:fe23:4567:890a");
    assertThat(found("addr 2001:db8::1 and ::1", PiiType.IP_ADDRESS)).containsExactly("2001:db8::1", "::1");
    assertThat(found("at 12:30:45", PiiType.IP_ADDRESS)).isEmpty();
    assertThat(found("服务器地址192.168.0.1。", PiiType.IP_ADDRESS)).containsExactly("192.168.0.1");
    assertThat(found("proxy 10.0.0.7:8080 and [2001:db8::7]:443", PiiType.IP_ADDRESS)).containsExactly("10.0.0.7", "2001:db8::7");
    assertThat(found("range 10.0.0.1-10.0.0.254", PiiType.IP_ADDRESS)).containsExactly("10.0.0.1", "10.0.0.254");
  }

  @Test
  void email_inAllThreeLanguages() {
    assertThat(found("Write to jane.doe+x@example.co.uk.", PiiType.EMAIL)).containsExactly("jane.doe+x@example.co.uk");
    assertThat(found("邮箱zhang.wei@example.cn联系", PiiType.EMAIL)).containsExactly("zhang.wei@example.cn");
    assertThat(found("écrivez à marie@exemple.fr !", PiiType.EMAIL)).containsExactly("marie@exemple.fr");
    assertThat(found("not @ an @email", PiiType.EMAIL)).isEmpty();
  }

  @Test
  void customRecognizer_withValidator() {
    PiiScanner s = PiiScanner.builder()
        .add(Recognizer.pattern(PiiType.of("EMPLOYEE_ID"), java.util.regex.Pattern.compile("EMP-\\d{6}+"),
            v -> !v.endsWith("000000"), 0.9))
        .build();
    assertThat(s.scan("EMP-123456 and EMP-000000").stream().map(Finding::text)).containsExactly("EMP-123456");
  }

  @Test
  void overlap_longestSpanWins() {
    List<Finding> f = PiiScanner.resolve(List.of(
        new Finding(PiiType.PHONE, 2, 8, "345678", 0.8),
        new Finding(PiiType.CREDIT_CARD, 0, 16, "1234567890123456", 1.0)));
    assertThat(f).extracting(Finding::type).containsExactly(PiiType.CREDIT_CARD);
  }

  @Test
  void finding_toStringMasksValue() {
    assertThat(new Finding(PiiType.EMAIL, 0, 16, "jane@example.com", 1).toString()).doesNotContain("jane");
  }
}
