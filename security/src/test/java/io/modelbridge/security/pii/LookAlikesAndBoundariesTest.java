package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the kinds of errors issue 12 lists, one test per kind, on values taken from format
 * specifications and public reference numbers (libphonenumber's example numbers, Ofcom's drama ranges,
 * NANP 555-01xx fictional numbers, the RFC 3849 IPv6 documentation prefix, RFC 5737 IPv4 documentation
 * ranges, GS1 and card-network test numbers).
 */
class LookAlikesAndBoundariesTest {

  private static List<String> found(String text, PiiType type) {
    return PiiScanner.defaults().scan(text).stream().filter(f -> f.type().equals(type)).map(Finding::text).toList();
  }

  private static List<String> all(String text) {
    return PiiScanner.defaults().scan(text).stream().map(f -> f.type() + ":" + f.text()).toList();
  }

  // --- span boundaries -------------------------------------------------------------------------------

  @Test
  void phoneInParentheses_spanIsTheValueWithoutTheParentheses() {
    assertThat(found("Rappel au (0643596754) svp", PiiType.PHONE)).containsExactly("0643596754");
    assertThat(found("call ((415) 555-0164) today", PiiType.PHONE)).containsExactly("(415) 555-0164");
    assertThat(found("reach me (+1 (415) 555-0164) or", PiiType.PHONE)).containsExactly("+1 (415) 555-0164");
    assertThat(found("mobile: +1 (415) 555-0164) then", PiiType.PHONE)).containsExactly("+1 (415) 555-0164");
    assertThat(found("tel (+33 6 12 34 56 78).", PiiType.PHONE)).containsExactly("+33 6 12 34 56 78");
  }

  @Test
  void trunkMarkerZeroInParentheses_keptInsideOneSpan() {
    assertThat(found("Tel +49 (0)171 2345678 bitte", PiiType.PHONE)).containsExactly("+49 (0)171 2345678");
    assertThat(found("Handy +49 (0)152 23456789.", PiiType.PHONE)).containsExactly("+49 (0)152 23456789");
    assertThat(found("UK mobile +44 (0)7700 900411, ask for Sam", PiiType.PHONE))
        .containsExactly("+44 (0)7700 900411");
  }

  @Test
  void germanAreaCodeSlash_isOneNumber() {
    assertThat(found("Telefon 030/12345678 ab 9 Uhr", PiiType.PHONE)).containsExactly("030/12345678");
    assertThat(found("Handy: 0160/4305269.", PiiType.PHONE)).containsExactly("0160/4305269");
    assertThat(found("am 15/03/2024 um 9", PiiType.PHONE)).isEmpty();
  }

  @Test
  void emailLocalPartWithApostropheOrEquals_isWholeAsRfc5322Allows() {
    assertThat(found("write to o'brien@example.com today", PiiType.EMAIL)).containsExactly("o'brien@example.com");
    assertThat(found("list: user=news@example.org.", PiiType.EMAIL)).containsExactly("user=news@example.org");
    assertThat(found("addr 'jane@example.com' quoted", PiiType.EMAIL)).containsExactly("jane@example.com");
    assertThat(found("bad a..b@example.com", PiiType.EMAIL)).isEmpty();
  }

  // --- look-alikes that are not phones --------------------------------------------------------------

  @Test
  void dateFollowedByTime_isNotAPhone() {
    assertThat(all("Meeting on 2023-06-26 13:45 in room 4")).isEmpty();
    assertThat(all("logged 26/06/2023 13:45:10")).isEmpty();
    assertThat(all("le 26.06.2023 13h45")).isEmpty();
    assertThat(all("2024-01-18 09:30 UTC")).isEmpty();
  }

  @Test
  void caseAndPurchaseOrderNumbers_areNotPhones() {
    assertThat(found("Case 20231145 was closed", PiiType.PHONE)).isEmpty();
    assertThat(found("PO 4500012345 released", PiiType.PHONE)).isEmpty();
    assertThat(found("Bestellung 4500012345 vom Lager", PiiType.PHONE)).isEmpty();
    assertThat(found("see 4500012345", PiiType.PHONE)).isEmpty();
    assertThat(found("ticket #45678912 opened", PiiType.PHONE)).isEmpty();
  }

  @Test
  void zipPlus4_isNotAPhone() {
    assertThat(found("Cambridge, MA 02139-4307, USA", PiiType.PHONE)).isEmpty();
    assertThat(found("Beverly Hills, CA 90210-1234", PiiType.PHONE)).isEmpty();
  }

  @Test
  void fourPartVersionAndSnmpOid_areNotPhonesNorAddresses() {
    assertThat(all("upgrade to 2024.1.18.190 tonight")).isEmpty();
    assertThat(all("OID 1.3.6.1.4.1.311.21.20 set")).isEmpty();
    assertThat(all("sysObjectID 1.3.6.1.2.1.1.2.0")).isEmpty();
  }

  @Test
  void piecesOfTrackingNumbersAndOfBadIbans_areNotPhones() {
    assertThat(found("UPS 1Z 999 AA1 0123 4567 84 shipped", PiiType.PHONE)).isEmpty();
    assertThat(found("IBAN FR76 3000 6000 0112 3456 7890 188 (wrong key)", PiiType.PHONE)).isEmpty();
    assertThat(found("IBAN DE89 3704 0044 0532 0130 01", PiiType.PHONE)).isEmpty();
    assertThat(found("USPS 9400 1000 0000 0000 0000 00", PiiType.PHONE)).isEmpty();
    // a part of a long run grouped by four that would parse on its own (a Paris or London number)
    assertThat(found("parcel 9261 2901 0142 6812 3456 78 in transit", PiiType.PHONE)).isEmpty();
    assertThat(found("suivi 9400 1000 0207 9460 0018 00", PiiType.PHONE)).isEmpty();
    assertThat(found("IBAN GB00 WEST 0207 9460 0018 22", PiiType.PHONE)).isEmpty();
  }

  @Test
  void ssnShapeInInvalidRange_isNotAPhone() {
    assertThat(all("ID 900-12-3456 rejected")).isEmpty();
    assertThat(all("ID 666-12-3456 rejected")).isEmpty();
    assertThat(all("ID 000-12-3456 rejected")).isEmpty();
  }

  @Test
  void upcCodes_areNotPhones() {
    assertThat(all("UPC 036000291452 on the box")).isEmpty();
    assertThat(all("item 012345678905 restocked")).isEmpty();
  }

  // --- wrong type -----------------------------------------------------------------------------------

  @Test
  void ipv4AfterFullWidthColon_isAnAddressNotAPhone() {
    assertThat(all("登录IP：50.234.19.164")).containsExactly("IP_ADDRESS:50.234.19.164");
    assertThat(all("登录IP：50.234.19.164\n下一行")).containsExactly("IP_ADDRESS:50.234.19.164");
    assertThat(all("IP:198.51.100.7 blocked")).containsExactly("IP_ADDRESS:198.51.100.7");
    assertThat(all("地址：２０３．０．１１３．５")).containsExactly("IP_ADDRESS:２０３．０．１１３．５");
  }

  @Test
  void ipv6NextToCjkPunctuation_isFound() {
    assertThat(found("IPv6地址：2001:db8::5a74。", PiiType.IP_ADDRESS)).containsExactly("2001:db8::5a74");
    assertThat(found("地址：2001:0db8:0000:0000:0000:ff00:0042:8329，请", PiiType.IP_ADDRESS))
        .containsExactly("2001:0db8:0000:0000:0000:ff00:0042:8329");
    assertThat(found("IPv6:2001:db8::1 up", PiiType.IP_ADDRESS)).containsExactly("2001:db8::1");
  }

  @Test
  void cnIdShapedNumberFailingItsCheck_isNeverACard() {
    // GB 11643 worked example 11010519491231002X with a wrong check character, and an impossible date
    assertThat(all("身份证号：110105194912310021")).isEmpty();
    assertThat(all("id 110105194913310023 on file")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    for (int check = 0; check <= 9; check++) {
      assertThat(all("证件 11010519491231002" + check)).noneMatch(s -> s.startsWith("CREDIT_CARD"));
      assertThat(all("no 11010519491231002" + check)).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    }
  }

  private static boolean luhn(String d) {
    int sum = 0;
    for (int i = d.length() - 1, k = 0; i >= 0; i--, k++) {
      int v = d.charAt(i) - '0';
      if (k % 2 == 1) {
        v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      }
      sum += v;
    }
    return sum % 10 == 0;
  }

  private static String luhnCompleted(String prefix) {
    for (char c = '0'; c <= '9'; c++) {
      if (luhn(prefix + c)) {
        return prefix + c;
      }
    }
    throw new AssertionError();
  }

  @Test
  void cnIdShapeThatIsAlsoLuhnValidWithACardPrefix_isNeverACard() {
    // 62 (Gansu) is also UnionPay's prefix, 65 (Xinjiang) Discover's: 18 digits, a real birth date, and a
    // last digit that makes the whole Luhn-valid (so it fails the GB 11643 check in 10 cases of 11)
    for (String prefix : new String[] {"62010219900101123", "65010219851231004", "36010219700615002"}) {
      String id = luhnCompleted(prefix);
      assertThat(all("身份证号：" + id)).as(id).noneMatch(s -> s.startsWith("CREDIT_CARD"));
      assertThat(all("ref " + id + " ok")).as(id).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    }
  }

  @Test
  void luhnValidSiretAndEan13_areNotCards() {
    // a SIRET is Luhn-valid by construction; SIREN 362 521 879 with an establishment number completing it
    String siret = luhnCompleted("3625218790003");
    String grouped = siret.substring(0, 3) + " " + siret.substring(3, 6) + " " + siret.substring(6, 9) + " "
        + siret.substring(9);
    assertThat(all("SIRET " + grouped)).as(grouped).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("établissement " + grouped)).as(grouped).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("SIRET: " + siret)).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    // an EAN-13 with a German GS1 prefix (400-440, also Visa's 4) valid for both GS1 and Luhn
    String ean = null;
    for (int k = 0; k < 1000 && ean == null; k++) {
      String twelve = "400638" + String.format("%06d", 133000 + k);
      int sum = 0;
      for (int i = 0; i < 12; i++) {
        sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
      }
      String full = twelve + (10 - sum % 10) % 10;
      if (luhn(full)) {
        ean = full;
      }
    }
    assertThat(ean).isNotNull();
    assertThat(all("EAN " + ean + " in stock")).as(ean).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("item " + ean + " in stock")).as(ean).noneMatch(s -> s.startsWith("CREDIT_CARD"));
  }

  @Test
  void siretAndEan13_areNotCards() {
    // SIRET of the INSEE example SIREN 362 521 879 (Luhn-valid by design); EAN-13 GS1 examples
    assertThat(all("SIRET 362 521 879 00034")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("SIRET: 36252187900034")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("EAN 4006381333931 in stock")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    assertThat(all("code 4006381333931 in stock")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    // card-network test numbers stay cards
    assertThat(found("Visa 4222222222222 test", PiiType.CREDIT_CARD)).containsExactly("4222222222222");
    assertThat(found("Diners 3056 930902 5904", PiiType.CREDIT_CARD)).containsExactly("3056 930902 5904");
    assertThat(found("Amex 378282246310005", PiiType.CREDIT_CARD)).containsExactly("378282246310005");
  }

  @Test
  void cardInsideALongerDigitRun_isNotACard() {
    assertThat(found("parcel 4111 1111 1111 1111 2222 33", PiiType.CREDIT_CARD)).isEmpty();
  }

  // --- missed -------------------------------------------------------------------------------------

  @Test
  void ssnInParenthesesAfterSsn_isAnSsn() {
    assertThat(all("SSN (123-45-6789) on file")).containsExactly("US_SSN:123-45-6789");
    assertThat(all("SSN(078-05-1120)")).containsExactly("US_SSN:078-05-1120");
  }

  @Test
  void chineseMobileGluedToCjkOnBothSides_isFound() {
    assertThat(found("客户王先生13912345678明天到", PiiType.PHONE)).containsExactly("13912345678");
    assertThat(found("请联系13812345678。", PiiType.PHONE)).containsExactly("13812345678");
  }

  @Test
  void nationalNumbersWithFormatting_stillFound() {
    assertThat(found("Appelez le 06 12 34 56 78 demain", PiiType.PHONE)).containsExactly("06 12 34 56 78");
    assertThat(found("Marie 06.12.34.56.78", PiiType.PHONE)).containsExactly("06.12.34.56.78");
    assertThat(found("Office 415-555-0164", PiiType.PHONE)).containsExactly("415-555-0164");
    assertThat(found("Client Jean Dupont, 01 23 45 67 89", PiiType.PHONE)).containsExactly("01 23 45 67 89");
    assertThat(found("Tel 1-800-555-0199", PiiType.PHONE)).containsExactly("1-800-555-0199");
  }
}
