#!/usr/bin/env python3
"""Writes corpus.jsonl: the independent, labelled PII evaluation set (see README.md).

Every labelled value comes from the reference lists below (each names its public source) or is computed
from a published format specification (GB 11643 check character, INSEE NIR key, SSA SSN ranges). Nothing
here is taken from ModelBridge's recognizers. Offsets are Java UTF-16 code units, end exclusive.

    python3 make_corpus.py   # rewrites corpus.jsonl beside this file, deterministically
"""
import json
import os
import random

RNG = random.Random(20261202)

# ---------------------------------------------------------------- reference values (sources in README.md)

# SWIFT IBAN Registry, example IBAN of each country (paper format).
IBANS = [
    "DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606", "GB29 NWBK 6016 1331 9268 19",
    "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456", "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034", "CH93 0076 2011 6238 5295 7", "AT61 1904 3002 3457 3201",
    "PL61 1090 1014 0000 0712 1981 2874", "SE45 5000 0000 0583 9825 7466", "LU28 0019 4006 4475 0000",
    "IE29 AIBK 9311 5212 3456 78", "PT50 0002 0123 1234 5678 9015 4", "MC58 1122 2000 0101 2345 6789 030",
    "NO93 8601 1117 947", "DK50 0040 0440 1162 43", "FI21 1234 5600 0007 85", "GB82 WEST 1234 5698 7654 32",
    "SA03 8000 0000 6080 1016 7519", "AE07 0331 2345 6789 0123 456",
]

# Test card numbers published by the networks and their processors (Visa, Mastercard, American Express,
# Discover, JCB, Diners Club, UnionPay, Maestro), as listed in the PayPal/Braintree and Stripe test guides.
CARDS = [
    "4111111111111111", "4012888888881881", "4222222222222", "4242424242424242", "4000056655665556",
    "4917610000000000", "5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210",
    "378282246310005", "371449635398431", "378734493671000", "6011111111111117", "6011000990139424",
    "3530111333300000", "3566002020360505", "30569309025904", "38520000023237", "36227206271667",
    "6200000000000005", "6205500000000000004", "6759649826438453",
]

# Phones: national significant numbers from the national numbering plans and libphonenumber's example
# numbers (PhoneNumberMetadata.xml <exampleNumber>), grouped as people write them in that country.
FR_PHONES = [  # ARCEP plan: 0 + 9 digits; 01-05 geographic, 06/07 mobile, 09 VoIP; 01 99 00 and 06 39 98 for fiction
    "123456789", "612345678", "643596754", "199001234", "639984512", "142685300", "478123456",
    "491234567", "556123456", "756831204", "972345678", "320456789",
]
GB_PHONES = [  # Ofcom drama ranges (07700 900xxx, 020 7946 0xxx, 0113/0121/0161 496 0xxx) and libphonenumber examples
    ("7700", "900411"), ("7700", "900123"), ("7700", "900987"), ("20", "7946 0958"), ("20", "7946 0321"),
    ("113", "496 0321"), ("121", "496 0877"), ("161", "496 0042"), ("121", "234 5678"), ("7400", "123456"),
    ("20", "7031 3000"),
]
US_PHONES = [  # NANP: 555-0100..0199 reserved for fiction; 201-555-0123 libphonenumber example; 650-253-0000 its tests
    ("415", "555", "0164"), ("201", "555", "0123"), ("212", "555", "0187"), ("650", "253", "0000"),
    ("312", "555", "0142"), ("617", "555", "0199"), ("202", "555", "0110"), ("305", "555", "0175"),
    ("713", "555", "0156"), ("503", "555", "0103"),
]
DE_FIXED = [  # Bundesnetzagentur: 0 + area code (030 Berlin, 089 Munich, 040 Hamburg, 069 Frankfurt, 0221 Cologne)
    ("30", "12345678"), ("30", "123456"), ("89", "21093567"), ("40", "41923380"), ("69", "75610481"),
    ("221", "4701234"),
]
DE_MOBILE = [  # Bundesnetzagentur mobile blocks 015x, 016x, 017x; libphonenumber example 01512 3456789
    ("1512", "3456789"), ("160", "4305269"), ("152", "34567890"), ("171", "2345678"), ("176", "12345678"),
    ("162", "3456789"), ("157", "71234567"), ("179", "5551234"),
]
CN_MOBILE = [  # MIIT plan: 11 digits, 13x/15x/17x/18x/19x blocks; libphonenumber example 131 2345 6789
    "13123456789", "13812345678", "13912345678", "15012345678", "18612345678", "17712345678",
    "19912345678", "15817263540", "13600001111", "18866668888",
]
CN_FIXED = [  # MIIT: 0 + area code (010 Beijing, 021 Shanghai, 020 Guangzhou, 0755 Shenzhen, 0571 Hangzhou); example 010 1234 5678
    ("10", "12345678"), ("21", "62345678"), ("20", "83456789"), ("755", "86013388"), ("571", "87654321"),
]

# RFC 5322 dot-atom addresses in common forms (plus-tags, apostrophe, %, upper case, IDN in punycode),
# on the RFC 2606/6761 example domains and on the big Chinese providers' domains.
EMAILS = [
    "jane.doe@example.com", "j.smith+invoices@example.co.uk", "o'connor@example.ie",
    "marie-claire.dupont@exemple.fr", "support_team@example-shop.de", "li.wei@example.com.cn",
    "12345678@qq.com", "zhang_san2019@163.com", "ACCOUNTS.PAYABLE@EXAMPLE.COM", "a.b.c.d@mail.example.org",
    "user%relay@example.net", "billing@xn--exmple-cua.com", "first.last@sub.dept.example.travel",
    "info@example.paris", "bounce=list@example.org", "x@example.io", "wang.fang@example.cn",
    "service@example.com.cn", "k.mueller@beispiel.de", "facturation@societe-exemple.fr",
]
# IPv4 documentation ranges (RFC 5737), private ranges (RFC 1918), the example; IPv6 from RFC 3849
# (2001:db8::/32) and the RFC 4291 / RFC 5952 text examples.
IPV4 = ["198.51.100.23", "203.0.113.7", "192.0.2.146", "10.0.0.12", "172.16.254.1", "50.234.19.164",
        "192.168.1.20", "100.64.12.9", "8.8.4.4"]
IPV6 = ["2001:db8::5a74", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::8a2e:370:7334",
        "fe80::1ff:fe23:4567:890a", "2001:DB8:0:0:8:800:200C:417A", "FF01::101", "::ffff:192.0.2.128",
        "2001:db8:0:1:1:1:1:1"]

# GB/T 2260 administrative division codes used as the first six characters of a resident ID.
CN_AREAS = ["110105", "110101", "310101", "440305", "440106", "330106", "510107", "420102", "320102"]
# INSEE department codes (01-95, 2A/2B for Corsica) and commune numbers.
FR_DEPTS = ["75", "69", "13", "33", "59", "2A", "2B", "44", "67", "49", "78"]

# ---------------------------------------------------------------- checks written from the specifications

def luhn_ok(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        x = int(c)
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return total % 10 == 0


def luhn_complete(prefix):
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError(prefix)


def iban_ok(value):
    s = value.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def gb11643_check(first17):  # ISO 7064 MOD 11-2 as GB 11643-1999 gives it
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def nir_key(first13):  # INSEE: key = 97 - (number mod 97), 2A -> 19 and 2B -> 18
    n = first13.replace("2A", "19").replace("2B", "18")
    return "%02d" % (97 - int(n) % 97)


def gs1_check(body):  # GS1 mod-10 for EAN-13 / UPC-A
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


assert all(luhn_ok(c) for c in CARDS)
assert all(iban_ok(i) for i in IBANS)
assert gb11643_check("11010519491231002") == "X"  # the worked example of GB 11643-1999

FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789+-.:@"}


def fullwidth(s):
    return "".join(FULL.get(c, c) for c in s)

# ---------------------------------------------------------------- value makers: (text, type or None, kind)

def pick(xs):
    return RNG.choice(xs)


def fr_phone(style):
    n = pick(FR_PHONES)
    pairs = " ".join([n[1:3], n[3:5], n[5:7], n[7:9]])
    if style == "spaced":
        return "0" + n[0] + " " + pairs
    if style == "dotted":
        return "0" + n[0] + "." + pairs.replace(" ", ".")
    if style == "compact":
        return "0" + n
    if style == "intl":
        return "+33 " + n[0] + " " + pairs
    if style == "intl_compact":
        return "+33" + n
    if style == "trunk":
        return "+33 (0)" + n[0] + " " + pairs
    raise ValueError(style)


def gb_phone(style):
    area, rest = pick(GB_PHONES)
    if style == "national":
        return "0" + area + " " + rest
    if style == "paren":
        return "(0" + area + ") " + rest
    if style == "intl":
        return "+44 " + area + " " + rest
    if style == "trunk":
        return "+44 (0)" + area + " " + rest
    raise ValueError(style)


def us_phone(style):
    a, b, c = pick(US_PHONES)
    return {"paren": "(%s) %s-%s", "dash": "%s-%s-%s", "dot": "%s.%s.%s", "intl": "+1 %s %s %s",
            "intl_paren": "+1 (%s) %s-%s", "intl_dash": "+1-%s-%s-%s"}[style] % (a, b, c)


def de_phone(style):
    area, rest = pick(DE_MOBILE if style.startswith("mobile") else DE_FIXED)
    style = style.split("_", 1)[1]
    return {"national": "0%s %s", "slash": "0%s/%s", "paren": "(0%s) %s", "intl": "+49 %s %s",
            "trunk": "+49 (0)%s %s", "dash": "0%s-%s"}[style] % (area, rest)


def cn_phone(style):
    if style == "fixed":
        a, r = pick(CN_FIXED)
        return "0%s-%s" % (a, r)
    if style == "fixed_intl":
        a, r = pick(CN_FIXED)
        return "+86 %s %s %s" % (a, r[:4], r[4:])
    m = pick(CN_MOBILE)
    return {"compact": m, "spaced": "%s %s %s" % (m[:3], m[3:7], m[7:]), "dashed": "%s-%s-%s" % (m[:3], m[3:7], m[7:]),
            "intl": "+86 %s %s %s" % (m[:3], m[3:7], m[7:]), "intl_compact": "+86" + m,
            "fullwidth": fullwidth(m), "fullwidth_intl": fullwidth("+86 ") + fullwidth(m)}[style]


def card(style):
    c = pick(CARDS)
    if style == "compact":
        return c
    sep = " " if style == "spaced" else "-"
    if len(c) == 15:
        return sep.join([c[:4], c[4:10], c[10:]])
    return sep.join(c[i:i + 4] for i in range(0, len(c), 4))


def iban(style):
    i = pick(IBANS)
    return i if style == "paper" else i.replace(" ", "")


def birth_date(valid=True):
    if valid:
        y = RNG.randint(1950, 2004)
        m = RNG.randint(1, 12)
        d = RNG.randint(1, 28)
        return "%04d%02d%02d" % (y, m, d)
    return pick(["19990230", "19851332", "20020431", "19770000", "19930229"])


def cn_id(valid=True, date_ok=True):
    if valid and date_ok and RNG.random() < 0.15:
        return "11010519491231002X"
    body = pick(CN_AREAS) + birth_date(date_ok) + "%03d" % RNG.randint(1, 999)
    check = gb11643_check(body)
    if not valid:
        check = pick([c for c in "0123456789X" if c != check])
    return body + check


def nir(style, valid=True):
    sex = pick("12")
    yy = "%02d" % RNG.randint(40, 99)
    mm = "%02d" % RNG.randint(1, 12)
    dept = pick(FR_DEPTS)
    commune = "%03d" % RNG.randint(1, 899)
    order = "%03d" % RNG.randint(1, 999)
    first = sex + yy + mm + dept + commune + order
    key = nir_key(first)
    if not valid:
        key = "%02d" % ((int(key) + RNG.randint(1, 90)) % 97 + 1)
        if key == nir_key(first):
            key = "%02d" % ((int(key) % 97) + 1)
    if style == "compact":
        return first + key
    return " ".join([sex, yy, mm, dept, commune, order, key])


def ssn(style, valid=True, broken=None):
    area = RNG.choice([RNG.randint(1, 665), RNG.randint(667, 899)])
    group = RNG.randint(1, 99)
    serial = RNG.randint(1, 9999)
    if not valid:
        broken = broken or pick(["000", "666", "9xx", "00", "0000"])
        if broken == "000":
            area = 0
        elif broken == "666":
            area = 666
        elif broken == "9xx":
            area = RNG.randint(900, 999)
        elif broken == "00":
            group = 0
        else:
            serial = 0
    s = "%03d-%02d-%04d" % (area, group, serial)
    return s.replace("-", "") if style == "compact" else s.replace("-", " ") if style == "spaced" else s


def email():
    return pick(EMAILS)


def ipv4():
    return pick(IPV4)


def ipv6():
    return pick(IPV6)


def ean13():
    body = pick(["400638133393", "590123412345", "978030640615", "376001234567", "690123456789"])
    return body + gs1_check(body)


def upc_a():
    body = pick(["03600029145", "04210000526", "07349612345", "88616201234"])
    return body + gs1_check(body)


def siret():
    siren = pick(["443061841", "552100554", "732829320", "542065479", "383474814"])
    nic = "%04d" % RNG.randint(1, 300)
    return luhn_complete(siren + nic)


def bad_card():
    c = pick(CARDS)
    last = str((int(c[-1]) + RNG.randint(1, 9)) % 10)
    c = c[:-1] + last
    assert not luhn_ok(c)
    return " ".join(c[i:i + 4] for i in range(0, len(c), 4))


def bad_iban():
    i = pick(IBANS)
    compact = i.replace(" ", "")
    pos = RNG.randint(4, len(compact) - 1)
    while not compact[pos].isdigit():
        pos = RNG.randint(4, len(compact) - 1)
    d = str((int(compact[pos]) + RNG.randint(1, 9)) % 10)
    broken = compact[:pos] + d + compact[pos + 1:]
    assert not iban_ok(broken)
    return " ".join(broken[k:k + 4] for k in range(0, len(broken), 4))


def iban_fragment():
    i = pick(IBANS)
    cut = RNG.choice([9, 14, 19])
    while cut >= len(i) - 2:  # a fragment always leaves characters out, so it fails mod-97
        cut -= 5
    return i[:cut]


def digits(n, first="123456789"):
    return pick(first) + "".join(RNG.choice("0123456789") for _ in range(n - 1))


def date_time():
    y, m, d = RNG.randint(2019, 2026), RNG.randint(1, 12), RNG.randint(1, 28)
    h, mi = RNG.randint(0, 23), RNG.randint(0, 59)
    return pick(["%04d-%02d-%02d %02d:%02d", "%04d/%02d/%02d %02d:%02d"]) % (y, m, d, h, mi) if RNG.random() < 0.7 \
        else "%02d/%02d/%04d %02d:%02d" % (d, m, y, h, mi)


def zip4():
    return pick(["02139-4307", "94105-1804", "10001-2345", "60614-3302", "30303-1520", "98101-4242"])


def version4():
    return pick(["2024.1.18.190", "10.0.19045.3693", "3.11.2.150", "6.2.1.17", "16.0.17328.20162",
                 "2023.3.4.1", "1.24.3.4401"])


def oid():
    return pick(["1.3.6.1.4.1.2021.10.1.3.1", "1.3.6.1.2.1.2.2.1.10.3", "1.3.6.1.4.1.9.9.13.1.3.1.3",
                 "1.3.6.1.2.1.1.3.0", "1.3.6.1.4.1.311.21.8.1"])


def tracking():
    kind = RNG.randint(0, 4)
    if kind == 0:  # UPS 1Z + 16
        return "1Z 999 AA1 %s %s %s" % (digits(2, "0123456789"), digits(4, "0123456789"), digits(4, "0123456789"))
    if kind == 1:  # USPS 22 digits in groups of four
        d = "9400" + digits(18, "0123456789")
        return " ".join(d[k:k + 4] for k in range(0, 22, 4))
    if kind == 2:  # FedEx 12 digits
        d = digits(12)
        return " ".join([d[:4], d[4:8], d[8:]])
    if kind == 3:  # SF Express
        return "SF" + digits(13)
    return "6A" + digits(11, "0123456789")  # Colissimo


MAKERS = {
    # positives
    "fr_phone": lambda s: (fr_phone(s), "PHONE"),
    "gb_phone": lambda s: (gb_phone(s), "PHONE"),
    "us_phone": lambda s: (us_phone(s), "PHONE"),
    "de_phone": lambda s: (de_phone(s), "PHONE"),
    "cn_phone": lambda s: (cn_phone(s), "PHONE"),
    "email": lambda s: (email(), "EMAIL"),
    "card": lambda s: (card(s), "CREDIT_CARD"),
    "card_fullwidth": lambda s: (fullwidth(pick(CARDS)), "CREDIT_CARD"),
    "iban": lambda s: (iban(s), "IBAN"),
    "cn_id": lambda s: (cn_id(), "CN_ID"),
    "nir": lambda s: (nir(s), "FR_NIR"),
    "ssn": lambda s: (ssn(s), "US_SSN"),
    "ipv4": lambda s: (ipv4() if s != "fullwidth" else fullwidth(ipv4()), "IP_ADDRESS"),
    "ipv6": lambda s: (ipv6(), "IP_ADDRESS"),
    # hard negatives (never labelled; recorded under "negatives" with their kind)
    "date_time": lambda s: (date_time(), None),
    "case8": lambda s: (digits(8), None),
    "sap_po": lambda s: ("45" + digits(8, "0123456789"), None),
    "zip4": lambda s: (zip4(), None),
    "version4": lambda s: (version4(), None),
    "oid": lambda s: (oid(), None),
    "tracking": lambda s: (tracking(), None),
    "iban_bad": lambda s: (bad_iban(), None),
    "iban_fragment": lambda s: (iban_fragment(), None),
    "ssn_invalid": lambda s: (ssn("dashed", valid=False), None),
    "ean": lambda s: (ean13(), None),
    "upc": lambda s: (upc_a(), None),
    "siret": lambda s: (siret() if s != "spaced" else (lambda v: "%s %s %s %s" % (v[:3], v[3:6], v[6:9], v[9:]))(siret()), None),
    "card_bad": lambda s: (bad_card(), None),
    "cn_id_bad_check": lambda s: (cn_id(valid=False), None),
    "cn_id_bad_date": lambda s: (cn_id(date_ok=False), None),
    "nir_bad_key": lambda s: (nir("spaced", valid=False), None),
    "order18": lambda s: (date_time()[:10].replace("-", "").replace("/", "") + digits(10, "0123456789"), None),
    "order": lambda s: (pick(["CMD-2023-004512", "SO-88123", "ORD-2024-118734", "BC 2024/0612", "N° 77 812 340"]), None),
    "invoice": lambda s: (pick(["FA-2023-0612", "INV-00045871", "F2024-000318", "2024-INV-7781"]), None),
    "amount": lambda s: (pick(["1 234,56 €", "12.499,00 EUR", "$1,299.00", "¥8,800.00", "RMB 12,800.50",
                               "€ 3 450,00", "USD 104,250.75", "£2,310.40", "14 999,90 €"]), None),
    "time": lambda s: (pick(["13:45", "09h30", "8:15 AM", "17:00:05", "23h59"]), None),
    "quantity": lambda s: (pick(["1200", "2 400", "12 000", "350", "48", "5000"]), None),
    "mac": lambda s: (pick(["00:1A:2B:3C:4D:5E", "3c:22:fb:12:9a:01", "a4:83:e7:00:11:22"]), None),
    "date": lambda s: (pick(["26.06.2023", "2023-06-26", "26/06/2023", "06/26/2023", "2024年3月15日"]), None),
    "masked_card": lambda s: (pick(["**** **** **** 4242", "XXXX-XXXX-XXXX-1111", "411111******1111"]), None),
    "postcode": lambda s: (pick(["75008", "69003", "100016", "200120", "SW1A 1AA", "10115"]), None),
    "ext": lambda s: ("%d" % RNG.randint(200, 9999), None),
    "serial": lambda s: (pick(["SN-4F7A-22C9-0031", "C02XK1ZZJGH5", "5CD1234XYZ"]), None),
    "hash": lambda s: (pick(["e3b0c442:98fc1c14:9afbf4c8", "sha1:da39a3ee5e6b4b0d", "1a2b:3c4d:5e6f"]), None),
}

# ---------------------------------------------------------------- templates
# {kind} or {kind:style}; positives are labelled PHONE/EMAIL/...; hard negatives are listed as "negatives".

FR = [
    "Note CRM – appel entrant de Mme Lefèvre, rappeler au {fr_phone:spaced} avant 18h. Dossier {case8} ouvert le {date_time}.",
    "Bonjour, suite à votre commande {order} du {date}, le colis part aujourd'hui (suivi {tracking}). Montant réglé : {amount}.",
    "Fiche client mise à jour : e-mail {email}, portable {fr_phone:compact}, IBAN {iban:paper}.",
    "M. Garnier ({fr_phone:compact}) demande un avoir sur la facture {invoice} de {amount}.",
    "Pour le prélèvement, merci d'utiliser l'IBAN {iban:paper} (et non {iban_bad}, refusé par la banque).",
    "Ticket #{case8} : l'agent VPN version {version4} plante au démarrage sur le poste {ipv4}.",
    "Remarque ERP : bon de commande SAP {sap_po}, {quantity} unités, livraison prévue le {date_time}.",
    "Salarié embauché le {date}, n° de sécurité sociale {nir:spaced}, mutuelle à affilier.",
    "NIR déclaré : {nir:compact} ; attention, l'ancien numéro {nir_bad_key} avait une clé fausse.",
    "Standard de Lyon : {fr_phone:dotted}, fax {fr_phone:dotted}. Horaires : {time} – 18h.",
    "Contact export : {email} / {fr_phone:intl}. SIRET {siret:spaced}, TVA FR32443061841.",
    "Appel de notre filiale allemande, Herr Braun joignable au {de_phone:mobile_trunk} ou au {de_phone:fixed_slash}.",
    "Le client a payé par carte {card:spaced} ; transaction {case8} validée à {time}.",
    "Erreur de saisie : la carte {card_bad} est refusée (numéro invalide). Demander un autre moyen de paiement.",
    "Chat : « bjr, mon numéro a changé c'est le {fr_phone:spaced} 📞 merci » – client {case8}.",
    "Facture {invoice} : {quantity} articles EAN {ean} à {amount}. Échéance {date}.",
    "Alerte supervision : OID {oid} en seuil critique sur {ipv4}, depuis {date_time}.",
    "Adresse IPv6 du serveur de paiement : {ipv6:x}. Accès depuis {ipv4} refusé.",
    "Contrat signé, coordonnées bancaires : {iban:electronic}. Interlocutrice : {email}.",
    "Mme Dubois (tél. {fr_phone:trunk}) souhaite être rappelée ; code postal {postcode}.",
    "Relance fournisseur UK : M. Hughes, {gb_phone:trunk}, commande {order} en retard.",
    "Livraison de {quantity} palettes, colis {tracking}, référence lot {serial}.",
    "Compte rendu : le prestataire US (contact {us_phone:intl_paren}) fournira le rapport avant le {date}.",
    "Virement reçu de {amount} ; IBAN émetteur incomplet ({iban_fragment}…), à vérifier.",
    "Merci de joindre le service client au {fr_phone:spaced} ou par mail à {email}.",
    "Poste {ext} – Mme Roux – ligne directe {fr_phone:spaced}.",
    "Connexion suspecte depuis {ipv4} le {date_time} ; adresse MAC {mac}.",
    "Numéro de commande {order18}, ne pas confondre avec le numéro client {case8}.",
    "Carte de test de l'intégrateur : {card:dashed}, expiration 12/28.",
    "Le code-barres {upc} (UPC) ne correspond pas à l'article {serial}.",
    "Collaborateur détaché : NIR {nir:spaced}, téléphone {fr_phone:intl_compact}.",
    "Demande RGPD de {email} : supprimer aussi le numéro ({fr_phone:compact}) de la fiche.",
    "Remboursement de {amount} sur la carte {masked_card} effectué le {date}.",
    "Signature : Sophie Martin | Responsable ADV | {fr_phone:spaced} | {email}",
    "Fournisseur chinois : M. Zhang, portable {cn_phone:intl}, e-mail {email}.",
    "Déclaration URSSAF : NIR {nir:spaced}, NIR du conjoint {nir:compact}.",
    "Attention : le NIR {nir_bad_key} saisi a une clé invalide, le corriger avant le {date}.",
    "RIB transmis par {email} : IBAN {iban:paper}, BIC BNPAFRPP.",
    "Paiement par carte {card:compact} refusé à {time}, puis accepté avec {card:spaced}.",
    "Mutation du salarié : NIR {nir:spaced}, nouvel IBAN {iban:electronic}.",
]

EN = [
    "CRM note: spoke with Mr. Carter, call back at {us_phone:paren} after {time}. Case {case8} opened {date_time}.",
    "Hi, your order {order} shipped on {date} (tracking {tracking}). Total charged: {amount}.",
    "Customer record updated: email {email}, mobile {us_phone:dash}, SSN {ssn:dashed}.",
    "Please verify the caller's identity (SSN ({ssn:dashed})) before changing the address; ZIP {zip4}.",
    "Applicant SSN {ssn:compact} received by fax; the earlier form listed {ssn_invalid}, which is not a valid SSN.",
    "Support ticket {case8}: agent version {version4} crashes on host {ipv4}.",
    "ERP remark: SAP PO {sap_po}, qty {quantity}, delivery window {date_time}.",
    "Reach our London office on {gb_phone:national} or {gb_phone:intl}; Manchester on {gb_phone:paren}.",
    "UK supplier contact: Ms. Patel, {gb_phone:trunk}. Invoice {invoice} overdue.",
    "Paid with card {card:spaced}; auth code {case8} at {time}.",
    "The card {card_bad} was declined as invalid; ask for another payment method.",
    "Chat log: [10:42] customer: my new number is ({us_phone:paren}) 👍 [10:43] agent: thanks, noted.",
    "Chat log: [09:12] customer: call me at {us_phone:dot} pls [09:13] agent: will do 😀",
    "Invoice {invoice}: {quantity} units, UPC {upc}, {amount}. Due {date}.",
    "Monitoring alert: OID {oid} crossed threshold on {ipv4} at {date_time}.",
    "IPv6 address of the payment gateway: {ipv6:x}; access from {ipv4} denied.",
    "Wire the refund to IBAN {iban:paper} (the one on file, {iban_bad}, failed validation).",
    "Ship-to: 77 Massachusetts Ave, Cambridge, MA {zip4}. Contact {email}, phone {us_phone:intl}.",
    "Escalation: Mr. Schulz from Berlin, {de_phone:mobile_intl}, office {de_phone:fixed_paren}.",
    "Partner in Munich: {de_phone:fixed_trunk}; after hours {de_phone:mobile_slash}.",
    "Login from {ipv4}:8443 flagged; device MAC {mac}; session hash {hash}.",
    "Pallet count {quantity}, parcel {tracking}, serial {serial}.",
    "EAN {ean} scanned twice at store {case8}; price {amount}.",
    "Vendor onboarding: IBAN {iban:electronic}, SIRET {siret}, contact {email}.",
    "Remittance partially legible: IBAN {iban_fragment}..., amount {amount}.",
    "Shanghai office: {cn_phone:fixed_intl}; Mr. Li's mobile {cn_phone:intl_compact}.",
    "Call transcript: 'You can reach me at {us_phone:intl_dash} or {email}.'",
    "HR file: employee SSN {ssn:dashed}, start date {date}, badge {serial}.",
    "Order {order18} and case {case8} relate to the same complaint.",
    "Refund of {amount} issued to card {masked_card} on {date}.",
    "Signature: Tom Baker | Accounts Payable | {us_phone:paren} ext. {ext} | {email}",
    "Test cards for the sandbox: {card:compact} and {card:dashed}.",
    "Contact our Paris branch at {fr_phone:intl} ({email}).",
    "Firmware {version4} pushed to {ipv4} and {ipv6:x} at {time}.",
    "Customer (SSN {ssn:spaced}) asked to close the account; ZIP {zip4}.",
    "Background check form: SSN {ssn:dashed}; spouse SSN {ssn:dashed}; case {case8}.",
    "Rejected payroll rows (SSN outside the issued ranges): {ssn_invalid}, {ssn_invalid} and {ssn_invalid}.",
    "Payroll import: SSN {ssn_invalid} rejected, SSN {ssn:dashed} accepted for {email}.",
    "Wire details: IBAN {iban:paper}, BIC DEUTDEFF, beneficiary {email}.",
    "Supplier rep in Shenzhen, resident ID {cn_id:x}, phone {cn_phone:intl}.",
]

ZH = [
    "客户备注：王先生来电，请回拨{cn_phone:compact}，工单号{case8}，创建于{date_time}。",
    "您好，您的订单{order18}已于{date}发货，快递单号{tracking}，实付{amount}。",
    "客户资料更新：邮箱{email}，手机{cn_phone:spaced}，身份证号{cn_id:x}。",
    "请联系{cn_phone:compact}谢谢",
    "联系人李女士手机：{cn_phone:fullwidth}，座机{cn_phone:fixed}。",
    "登录IP：{ipv4:x}\n请确认是否为本人操作。",
    "登录IP：{ipv4:fullwidth}，登录时间{date_time}。",
    "IPv6地址：{ipv6:x}。服务器版本{version4}。",
    "工单{case8}：客户端版本{version4}在{ipv4}上启动失败。",
    "ERP备注：SAP采购订单{sap_po}，数量{quantity}件，预计{date_time}到货。",
    "身份证号{cn_id_bad_check}校验位错误，请客户重新提供；另一号码{cn_id_bad_date}出生日期不存在。",
    "员工入职登记：身份证号码{cn_id:x}，手机号{cn_phone:dashed}，紧急联系人{cn_phone:compact}。",
    "付款方式：银行卡{card:spaced}，交易流水{case8}，时间{time}。",
    "银联卡{card:compact}已绑定，请勿向他人透露。",
    "卡号{card_bad}校验失败，请更换支付方式。",
    "发票{invoice}：商品条码{ean}，数量{quantity}，金额{amount}。",
    "监控告警：OID {oid} 超过阈值，主机{ipv4}，时间{date_time}。",
    "收款账户IBAN：{iban:paper}，原账户{iban_bad}校验未通过。",
    "海外供应商联系人：Mr. Smith，电话{us_phone:intl_paren}，邮箱{email}。",
    "德国客户电话{de_phone:mobile_trunk}，办公室{de_phone:fixed_intl}。",
    "英国办事处：{gb_phone:intl}，紧急联系{gb_phone:trunk}。",
    "客服聊天记录：用户：我的手机是{cn_phone:compact}，麻烦尽快处理🙏 客服：好的。",
    "物流信息：运单号{tracking}，包裹{quantity}件，序列号{serial}。",
    "退款{amount}已退回尾号{masked_card}的银行卡，日期{date}。",
    "设备MAC地址{mac}，登录地址{ipv4}，时间{time}。",
    "合同编号{order}，客户编号{case8}，联系人邮箱{email}。",
    "深圳分公司电话{cn_phone:fixed}，传真{cn_phone:fixed}。",
    "用户手机：{cn_phone:fullwidth_intl}，邮箱{email}。",
    "法国客户：Dupont先生，电话{fr_phone:intl}，社保号{nir:spaced}。",
    "请于{date}前将款项汇至{iban:electronic}，金额{amount}。",
    "账户外部IP {ipv4} 与 IPv6 {ipv6:x} 同时在线。",
    "测试卡号：{card:dashed}（仅限沙箱环境）。",
    "身份证{cn_id:x}的客户申请注销账户，联系电话{cn_phone:intl}。",
    "邮编{postcode}，收件人电话{cn_phone:compact}，订单{order18}。",
    "银行卡号：{card_fullwidth}，请核对。",
    "实名认证：姓名张伟，身份证{cn_id:x}，银行卡{card:compact}。",
    "身份证号：{cn_id:x}；手机：{cn_phone:compact}；邮箱：{email}。",
    "核验失败：{cn_id_bad_check}（校验码不符），{cn_id_bad_date}（出生日期无效）。",
    "法人身份证号码{cn_id:x}，统一社会信用代码91440300MA5FXXXX1K。",
    "美国员工SSN：{ssn:dashed}，无效号码{ssn_invalid}已退回。",
]

GENRES = {"fr": FR, "en": EN, "zh": ZH}
PER_LANGUAGE = 200


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def render(template):
    text = ""
    entities = []
    negatives = []
    i = 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            spec = template[i + 1:j]
            kind, _, style = spec.partition(":")
            value, label = MAKERS[kind](style or ("spaced" if kind in ("card", "siret") else "x"))
            start = utf16_len(text)
            text += value
            end = utf16_len(text)
            entry = {"start": start, "end": end, "value": value}
            if label:
                entities.append(dict(type=label, **entry, form=kind + (":" + style if style else "")))
            else:
                negatives.append(dict(kind=kind, **entry))
            i = j + 1
        else:
            text += template[i]
            i += 1
    return text, entities, negatives


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = []
    for lang, templates in GENRES.items():
        order = list(range(len(templates)))
        n = 0
        while n < PER_LANGUAGE:
            RNG.shuffle(order)
            for t in order:
                if n == PER_LANGUAGE:
                    break
                text, entities, negatives = render(templates[t])
                n += 1
                lines.append({"id": "%s-%03d" % (lang, n), "lang": lang, "template": "%s-t%02d" % (lang, t),
                              "text": text, "entities": entities, "negatives": negatives})
    with open(os.path.join(here, "corpus.jsonl"), "w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
