//! Japanese names the generated packs are made of: places, institutions, vendors, components
//! and people, each with the ASCII stem its ids are built from.

/// (place, id stem)
pub const PLACES: &[(&str, &str)] = &[
    ("さくら台", "sakuradai"),
    ("青葉", "aoba"),
    ("北斗", "hokuto"),
    ("緑ヶ丘", "midorigaoka"),
    ("白樺", "shirakaba"),
    ("若葉", "wakaba"),
    ("朝日", "asahi"),
    ("港南", "konan"),
    ("東雲", "shinonome"),
    ("光が丘", "hikarigaoka"),
    ("桜川", "sakuragawa"),
    ("松風", "matsukaze"),
    ("千歳", "chitose"),
    ("清水", "shimizu"),
    ("大和", "yamato"),
    ("花園", "hanazono"),
    ("星川", "hoshikawa"),
    ("海浜", "kaihin"),
    ("山手", "yamate"),
    ("ひまわり", "himawari"),
];

/// (kind of institution, id suffix, beds text)
pub const INSTITUTIONS: &[(&str, &str, &str)] = &[
    ("総合病院", "hospital", "一般病床 236床"),
    ("記念病院", "memorial", "一般病床 180床"),
    ("中央病院", "central", "一般病床 312床・療養病床 48床"),
    ("整形外科クリニック", "ortho", "有床診療所・19床"),
    ("内科クリニック", "clinic", "無床診療所"),
    ("医療センター", "medical-center", "一般病床 420床"),
    (
        "リハビリテーション病院",
        "rehab",
        "回復期リハビリテーション病棟 96床",
    ),
];

/// Vendor name stems: (name, id stem).
pub const VENDOR_STEMS: &[(&str, &str)] = &[
    ("北斗", "hokuto"),
    ("青葉", "aoba"),
    ("みらい", "mirai"),
    ("清和", "seiwa"),
    ("あすなろ", "asunaro"),
    ("寿", "kotobuki"),
    ("海陽", "kaiyo"),
    ("ひかり", "hikari"),
    ("東邦", "toho"),
    ("日進", "nisshin"),
    ("大空", "ozora"),
    ("若草", "wakakusa"),
    ("瑞穂", "mizuho"),
    ("しらかば", "shirakaba"),
];

/// What a vendor does: (name suffix, id suffix).
pub const VENDOR_TRADES: &[(&str, &str)] = &[
    ("メディカルシステムズ株式会社", "medical"),
    ("ラボシステム株式会社", "labsys"),
    ("ネットワークサービス株式会社", "network"),
    ("クラウド株式会社", "cloud"),
    ("画像テクノロジー株式会社", "imaging"),
    ("情報システム株式会社", "infosys"),
];

/// (component name, id)
pub const COMPONENTS: &[(&str, &str)] = &[
    ("電子カルテシステム", "emr"),
    ("医用画像管理システム（PACS）・読影ビューア", "pacs"),
    ("放射線情報システム（RIS）", "ris"),
    ("臨床検査システム（LIS）", "lis"),
    ("院内ネットワーク・リモート保守用VPN", "hospital-network"),
    ("クラウドバックアップ（遠隔地保管）", "cloud-backup"),
    ("医事会計システム", "billing"),
    (
        "部門システム連携ゲートウェイ（HL7/SS-MIX2）",
        "order-gateway",
    ),
    ("透析管理システム", "dialysis"),
    ("看護支援システム", "nursing"),
];

pub const FAMILY_NAMES: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
    "森下", "桜井", "北村", "日向",
];

pub const GIVEN_NAMES: &[&str] = &[
    "智子",
    "悠真",
    "亮介",
    "美和",
    "正樹",
    "健太",
    "結衣",
    "陽菜",
    "大翔",
    "蒼",
    "さくら",
    "翔太",
];

pub const CONTACT_ROLES: &[&str] = &[
    "医療情報システム安全管理責任者",
    "医療情報管理室長",
    "事務長（システム担当）",
    "統括窓口（プロジェクトマネージャ）",
    "障害受付センター",
    "保守窓口",
];

pub const AVAILABILITY: &[&str] = &[
    "平日 8:30-17:15（時間外は当直師長経由）",
    "平日 9:00-18:00",
    "24x7",
    "平日 8:30-20:00、土日祝 9:00-17:00",
];
