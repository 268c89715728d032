package io.modelbridge.security.pii;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the labelled corpus under {@code src/test/resources/pii/corpus/} (run once with
 * {@code main}; the files are committed). Sentences come from templates in English, French and Chinese;
 * {@code {TYPE}} slots get freshly generated valid identifiers (correct checksums, numbers valid for
 * libphonenumber) and are labelled; {@code {NEG_*}} slots get hard negatives (broken checksums, order
 * numbers, dates, amounts, versions, near-miss digit runs) and are not labelled.
 */
public final class CorpusGenerator {

  private static final Pattern SLOT = Pattern.compile("\\{([A-Z_]+)}");

  static final Map<String, List<String>> TEMPLATES = Map.of(
      "en", List.of(
          "Please email me at {EMAIL} before Friday.",
          "You can reach John on {PHONE} or at {EMAIL}.",
          "Card number {CREDIT_CARD}, expiry 09/27, was declined.",
          "Wire the refund to IBAN {IBAN} (reference {NEG_ORDER}).",
          "His SSN is {US_SSN} and the claim number is {NEG_ORDER}.",
          "Login from {IP_ADDRESS} at 10:42:17 on {NEG_DATE}.",
          "The order {NEG_ORDER} of {NEG_AMOUNT} ships on {NEG_DATE}.",
          "Call me back at {PHONE}, thanks!",
          "Customer ID card {CN_ID} was scanned at the Shanghai desk.",
          "Her French social security number is {FR_NIR}.",
          "Upgrade to version {NEG_VERSION} fixed the crash on host {IP_ADDRESS}.",
          "The old card {NEG_CARD} is invalid; use {CREDIT_CARD} instead.",
          "Tracking code {NEG_DIGITS} is not a phone number.",
          "Invalid IBAN {NEG_IBAN} was rejected, the valid one is {IBAN}.",
          "SSN: {US_SSN}; backup contact {EMAIL}; mobile {PHONE}.",
          "Server {IP_ADDRESS} answered, gateway {IP_ADDRESS} did not.",
          "The total was {NEG_AMOUNT}, paid by card {CREDIT_CARD} on {NEG_DATE}.",
          "Ticket {NEG_ORDER} mentions id {NEG_CNID} which fails the check digit.",
          "Send the contract to {EMAIL} and call {PHONE}."),
      "fr", List.of(
          "Merci d'écrire à {EMAIL} avant vendredi.",
          "Vous pouvez joindre Marie au {PHONE} ou par courriel : {EMAIL}.",
          "Numéro de sécurité sociale : {FR_NIR}.",
          "Le virement doit partir vers l'IBAN {IBAN}, facture {NEG_ORDER}.",
          "La carte {CREDIT_CARD} expire le {NEG_DATE}.",
          "Commande {NEG_ORDER} d'un montant de {NEG_AMOUNT}, livrée le {NEG_DATE}.",
          "Rappelez-moi au {PHONE}, s'il vous plaît.",
          "Connexion suspecte depuis l'adresse {IP_ADDRESS} à 14h05.",
          "Le NIR {NEG_NIR} a une clé fausse ; le bon est {FR_NIR}.",
          "Version {NEG_VERSION} installée sur le serveur {IP_ADDRESS}.",
          "Carte refusée : {NEG_CARD}. Nouvelle carte : {CREDIT_CARD}.",
          "Référence colis {NEG_DIGITS}, contact {EMAIL}.",
          "Pièce d'identité chinoise n° {CN_ID} enregistrée.",
          "IBAN invalide {NEG_IBAN} ; utilisez plutôt {IBAN}.",
          "Son numéro américain {US_SSN} figure au dossier.",
          "Tél. : {PHONE} – courriel : {EMAIL} – IBAN : {IBAN}."),
      "zh", List.of(
          "请拨打{PHONE}联系我。",
          "我的邮箱是{EMAIL}，电话：{PHONE}。",
          "身份证号码{CN_ID}已经登记。",
          "身份证号：{CN_ID}，手机{PHONE}。",
          "银行卡号{CREDIT_CARD}已绑定。",
          "订单号{NEG_ORDER}，金额{NEG_AMOUNT}，日期{NEG_DATE}。",
          "服务器地址{IP_ADDRESS}无法访问。",
          "请把款项汇到IBAN {IBAN}。",
          "错误的身份证号{NEG_CNID}校验失败。",
          "快递单号{NEG_DIGITS}，请查收。",
          "版本{NEG_VERSION}已发布，服务器{IP_ADDRESS}已更新。",
          "无效卡号{NEG_CARD}，有效卡号{CREDIT_CARD}。",
          "联系人电话{PHONE}，邮箱{EMAIL}。",
          "他的法国社保号是{FR_NIR}。",
          "美国社会安全号码SSN {US_SSN}。"));

  private final PiiSamples s;
  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

  CorpusGenerator(long seed) {
    s = new PiiSamples(seed);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/pii/corpus");
    Files.createDirectories(dir);
    long seed = 20261123;
    for (String lang : List.of("en", "fr", "zh")) {
      CorpusGenerator g = new CorpusGenerator(seed++);
      ObjectMapper json = new ObjectMapper();
      StringBuilder out = new StringBuilder();
      for (int line = 0; line < 120; line++) {
        out.append(json.writeValueAsString(g.document(lang, line))).append('\n');
      }
      Files.writeString(dir.resolve(lang + ".jsonl"), out.toString(), StandardCharsets.UTF_8);
    }
  }

  ObjectNode document(String lang, int line) {
    List<String> templates = TEMPLATES.get(lang);
    StringBuilder text = new StringBuilder();
    ObjectNode doc = new ObjectMapper().createObjectNode();
    ArrayNode spans = doc.putArray("spans");
    int sentences = 1 + s.pick(2);
    for (int k = 0; k < sentences; k++) {
      if (k > 0) {
        text.append(lang.equals("zh") ? "" : " ");
      }
      String t = templates.get((line * 7 + k * 3 + s.pick(templates.size())) % templates.size());
      Matcher m = SLOT.matcher(t);
      int pos = 0;
      while (m.find()) {
        text.append(t, pos, m.start());
        String slot = m.group(1);
        String value = value(slot, lang);
        if (!slot.startsWith("NEG_")) {
          spans.addObject().put("type", slot).put("start", text.length()).put("end", text.length() + value.length())
              .put("text", value);
        }
        text.append(value);
        pos = m.end();
      }
      text.append(t.substring(pos));
    }
    doc.put("lang", lang);
    doc.put("line", line + 1);
    doc.put("text", text.toString());
    doc.set("spans", spans);
    return doc;
  }

  private String value(String slot, String lang) {
    switch (slot) {
      case "EMAIL": return email();
      case "PHONE": return phone(lang);
      case "CREDIT_CARD": {
        String c = s.card();
        int f = s.pick(3);
        return f == 0 ? c : PiiSamples.groupCard(c, f == 1 ? " " : "-");
      }
      case "IBAN": {
        String i = s.iban();
        return s.pick(2) == 0 ? i : PiiSamples.groupIban(i);
      }
      case "CN_ID": return s.cnId();
      case "FR_NIR": {
        String n = s.nir();
        return s.pick(2) == 0 ? n : PiiSamples.groupNir(n);
      }
      case "US_SSN": return s.ssn(s.pick(3) == 0 ? " " : "-");
      case "IP_ADDRESS": return s.pick(3) == 0 ? s.ipv6() : s.ipv4();
      case "NEG_CARD": return PiiSamples.groupCard(s.badCard(), s.pick(2) == 0 ? " " : "");
      case "NEG_IBAN": {
        String i = s.iban();
        char c = i.charAt(i.length() - 1);
        return i.substring(0, i.length() - 1) + (char) ('0' + (c - '0' + 1) % 10);
      }
      case "NEG_CNID": {
        String id = s.cnId();
        char c = id.charAt(17);
        char wrong = c == 'X' ? '0' : (c == '9' ? 'X' : (char) (c + 1));
        return id.substring(0, 17) + wrong;
      }
      case "NEG_NIR": {
        String n = s.nir();
        int key = Integer.parseInt(n.substring(13));
        return n.substring(0, 13) + PiiSamples.two(key % 97 + 1);
      }
      case "NEG_ORDER": return pickOf("ORD-2024-" + s.digits(5), "INV-" + s.digits(8), "#" + s.digits(5),
          "no. 2024" + s.digits(6), "2025" + s.digits(6),
          "PO-" + s.digits(6), "A" + s.digits(9), "CMD-" + s.digits(4) + "-" + s.digits(4));
      case "NEG_DATE": return pickOf("2024-0" + (1 + s.pick(9)) + "-1" + s.pick(10), "1" + s.pick(10) + "/0"
          + (1 + s.pick(9)) + "/2025", "2023年" + (1 + s.pick(12)) + "月" + (1 + s.pick(28)) + "日", "12/26");
      case "NEG_AMOUNT": return pickOf("$1,234.56", "12 345,67 €", "¥8,888.00", "EUR 1.299,00", "€49.90");
      case "NEG_VERSION": return pickOf("v2.3.1", "1.18.1", "10.0.19045.3693", "3.2.3-SNAPSHOT", "4.7.7.1.2");
      case "NEG_DIGITS": return pickOf(s.digits(20), s.digits(17), "1Z" + s.digits(16), s.digits(4) + "-" + s.digits(4)
          + "-" + s.digits(4) + "-" + s.digits(4) + "-" + s.digits(4));
      default: throw new IllegalArgumentException("unknown slot " + slot);
    }
  }

  private String pickOf(String... options) {
    return options[s.pick(options.length)];
  }

  private String email() {
    String[] first = {"jane", "john", "marie", "pierre", "zhang.wei", "li_na", "o.connor", "anna-lena", "j.smith",
        "wang.fang", "lucas", "chloe+news"};
    String[] domains = {"example.com", "exemple.fr", "mail.example.co.uk", "qq.com", "163.com", "corp.example.de",
        "univ-lyon.fr", "example.cn"};
    return s.pick(first) + (s.pick(2) == 0 ? "" : String.valueOf(s.pick(100))) + "@" + s.pick(domains);
  }

  private String phone(String lang) {
    for (int attempt = 0; attempt < 100; attempt++) {
      String[] regions = lang.equals("zh") ? new String[] {"CN", "CN", "CN", "US", "FR"}
          : lang.equals("fr") ? new String[] {"FR", "FR", "FR", "DE", "GB"} : new String[] {"US", "US", "GB", "DE", "CN"};
      String region = s.pick(regions);
      String p = phoneOf(region);
      try {
        if (util.isValidNumber(util.parse(p, region))) {
          return p;
        }
      } catch (NumberParseException e) {
        // try another
      }
    }
    throw new IllegalStateException("could not generate a valid phone number");
  }

  private String phoneOf(String region) {
    String d8 = s.digits(8);
    switch (region) {
      case "CN": {
        String mobile = "1" + pickOf("38", "39", "50", "58", "86", "88", "36") + d8;
        return pickOf(mobile, mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7),
            "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7),
            "+86" + mobile, "010-" + (6 + s.pick(3)) + s.digits(7), "021-" + (5 + s.pick(4)) + s.digits(7),
            "0086 " + mobile, "+86-" + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7),
            "(010) " + (6 + s.pick(3)) + s.digits(3) + " " + s.digits(4));
      }
      case "FR": {
        String n = pickOf("6", "7", "1", "4", "5") + d8;
        String spaced = "0" + n.charAt(0) + " " + n.substring(1, 3) + " " + n.substring(3, 5) + " " + n.substring(5, 7)
            + " " + n.substring(7);
        return pickOf(spaced, "0" + n, "+33 " + n.charAt(0) + " " + n.substring(1, 3) + " " + n.substring(3, 5) + " "
            + n.substring(5, 7) + " " + n.substring(7), spaced.replace(' ', '.'), spaced.replace(' ', '-'),
            "+33 (0)" + n.charAt(0) + " " + n.substring(1, 3) + " " + n.substring(3, 5) + " " + n.substring(5, 7) + " "
            + n.substring(7), "+33" + n);
      }
      case "US": {
        String area = pickOf("212", "415", "646", "312", "617", "206", "303", "512");
        String ex = (2 + s.pick(8)) + s.digits(2);
        String line = s.digits(4);
        return pickOf("(" + area + ") " + ex + "-" + line, area + "-" + ex + "-" + line, "+1 " + area + " " + ex + " " + line,
            area + "." + ex + "." + line, "1-" + area + "-" + ex + "-" + line, "+1-" + area + "-" + ex + "-" + line,
            "+1 (" + area + ") " + ex + "-" + line);
      }
      case "DE": {
        return pickOf("030 " + (2 + s.pick(7)) + s.digits(7), "+49 30 " + (2 + s.pick(7)) + s.digits(7),
            "0151 " + s.digits(8), "+49 89 " + (2 + s.pick(7)) + s.digits(6), "+49 (0)30 " + (2 + s.pick(7)) + s.digits(7),
            "089 " + (2 + s.pick(7)) + s.digits(6));
      }
      default: {
        return pickOf("020 7946 " + s.digits(4), "+44 20 7946 " + s.digits(4), "07911 " + s.digits(6),
            "+44 7911 " + s.digits(6), "0161 496 " + s.digits(4));
      }
    }
  }
}
