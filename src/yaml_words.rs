//! The YAML parser's and the deserializer's messages in Japanese. Both speak English only; the
//! messages a pack or rule author meets are told here by their wording, and any other keeps the
//! original text, marked as such.

/// Parser wordings (a part of the message) and what they mean, most specific first.
const WORDS: &[(&str, &str)] = &[
    (
        "found a tab",
        "タブ文字があります（YAML のインデントには空白を使います）",
    ),
    (
        "tab cannot be used as indentation",
        "インデントにタブは使えません（空白を使います）",
    ),
    (
        "tabs disallowed",
        "ここではタブは使えません（空白を使います）",
    ),
    (
        "a block scalar content cannot start with a tab",
        "ブロックスカラーの内容をタブで始めることはできません",
    ),
    (
        "invalid indentation in multiline quoted scalar",
        "複数行にわたる引用符付きの値のインデントが正しくありません（閉じていない引用符がないか確かめてください）",
    ),
    (
        "invalid indentation in flow construct",
        "[ ] や { } の中のインデントが正しくありません",
    ),
    (
        "wrongly indented line in block scalar",
        "ブロックスカラー（| や >）の行のインデントが正しくありません",
    ),
    ("invalid indentation", "インデントが正しくありません"),
    (
        "mapping values are not allowed in this context",
        "ここには「キー: 値」を書けません（インデントか、値の中の「: 」を確かめてください。値に「: 」を含めるときは引用符で囲みます）",
    ),
    (
        "mapping keys are not allowed in this context",
        "ここにはキーを書けません（インデントを確かめてください）",
    ),
    (
        "block sequence entries are not allowed in this context",
        "ここにはリストの項目（- ）を書けません（インデントを確かめてください）",
    ),
    (
        "did not find expected key",
        "ブロックマッピングの中に、キーがあるべき位置に別のものがあります（インデントを確かめてください）",
    ),
    (
        "did not find expected '-' indicator",
        "リストの中に、「- 」で始まらない行があります（インデントを確かめてください）",
    ),
    (
        "did not find expected ',' or '}'",
        "{ } の中で「,」か「}」が見つかりません（閉じ括弧を確かめてください）",
    ),
    (
        "expected ',' or ']'",
        "[ ] の中で「,」か「]」が見つかりません（閉じ括弧を確かめてください）",
    ),
    (
        "did not find expected node content",
        "値があるべき位置に値がありません",
    ),
    ("unclosed bracket", "閉じていない括弧があります"),
    ("mismatched bracket", "括弧の対応が正しくありません"),
    ("misplaced bracket", "括弧の位置が正しくありません"),
    ("unclosed quote", "閉じていない引用符があります"),
    (
        "invalid trailing content after double-quoted scalar",
        "\" で閉じた値の後ろに余分な文字があります",
    ),
    (
        "invalid trailing content after single-quoted scalar",
        "' で閉じた値の後ろに余分な文字があります",
    ),
    (
        "found unknown escape character",
        "引用符の中に使えないエスケープ（\\ の後の文字）があります",
    ),
    (
        "found unexpected document indicator",
        "引用符の中に文書の区切り（--- や ...）があります（引用符が閉じているか確かめてください）",
    ),
    (
        "':' must be followed by a valid YAML whitespace",
        "「:」の後には空白が必要です",
    ),
    (
        "'-' must be followed by a valid YAML whitespace",
        "「-」の後には空白が必要です",
    ),
    (
        "illegal placement of ':' indicator",
        "「:」の位置が正しくありません",
    ),
    ("simple key expected ':'", "キーの後に「:」がありません"),
    (
        "simple key is no longer valid",
        "キーと「:」の間に改行があるか、キーが長すぎます",
    ),
    (
        "comments must be separated from other tokens by whitespace",
        "コメントの「#」の前には空白が必要です",
    ),
    (
        "unexpected EOF",
        "ファイルが途中で終わっています（閉じていない括弧や引用符がないか確かめてください）",
    ),
    (
        "unexpected eof",
        "ファイルが途中で終わっています（閉じていない括弧や引用符がないか確かめてください）",
    ),
    ("unexpected end of plain scalar", "値が途中で終わっています"),
    (
        "found unknown anchor",
        "定義されていないエイリアス（*名前）を参照しています",
    ),
    (
        "unknown anchor",
        "定義されていないエイリアス（*名前）を参照しています",
    ),
    (
        "a BOM must not appear inside a document",
        "文書の途中に BOM があります",
    ),
    (
        "invalid content after document end marker",
        "文書の終わり（...）の後に余分な内容があります",
    ),
    (
        "did not find expected <document start>",
        "文書の始まり（---）があるべき位置に別のものがあります",
    ),
    (
        "the handle wasn't declared",
        "宣言されていないタグハンドルです",
    ),
    ("unexpected character", "使えない文字があります"),
    ("tag", "タグ（! で始まる型指定）は使えません"),
];

/// The message in Japanese; a wording this table does not know is shown as the parser wrote it.
pub fn message_ja(message: &str) -> String {
    match WORDS.iter().find(|(en, _)| message.contains(en)) {
        Some((_, ja)) => (*ja).to_owned(),
        None => format!("構文の誤り（パーサーの表示: {message}）"),
    }
}

/// A message of reading a typed file (a rule file) in Japanese: serde's wordings (unknown or
/// missing fields, unknown values, wrong types), else the parser's.
pub fn typed_message_ja(message: &str) -> String {
    let quoted = || message.split('`').nth(1).unwrap_or_default();
    let after = |marker: &str| {
        message
            .split_once(marker)
            .map(|(_, rest)| rest.trim())
            .unwrap_or_default()
    };
    // What serde lists after "expected one of " (several) or "expected " (one).
    let allowed = || match after("expected one of ") {
        "" => after("expected "),
        several => several,
    };
    if message.starts_with("unknown field") {
        let allowed = allowed();
        return if allowed.is_empty() {
            format!(
                "不明なフィールド `{}` です（ここにフィールドはありません）",
                quoted()
            )
        } else {
            format!(
                "不明なフィールド `{}` です。使えるフィールド: {allowed}",
                quoted()
            )
        };
    }
    if message.starts_with("unknown variant") {
        return format!("`{}` は使えません。使える値: {}", quoted(), allowed());
    }
    if message.starts_with("missing field") {
        return format!("必須のフィールド `{}` がありません", quoted());
    }
    if message.starts_with("duplicate field") {
        return format!("フィールド `{}` が重複しています", quoted());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "型が違います: {}が必要ですが、{}が書かれています",
            type_word_ja(wanted),
            type_word_ja(found)
        );
    }
    if message.contains("enum expected scalar or mapping") {
        return "値かマッピングを書いてください（リストは使えません）".into();
    }
    message_ja(message)
}

/// serde's name of a type ("a boolean", "string \"x\"") in Japanese; one it does not know is
/// quoted as written.
fn type_word_ja(words: &str) -> String {
    let words = words.trim();
    let known = [
        ("a boolean", "真偽値"),
        ("boolean", "真偽値"),
        ("a string", "文字列"),
        ("string", "文字列"),
        ("a sequence", "リスト"),
        ("sequence", "リスト"),
        ("a map", "マッピング"),
        ("map", "マッピング"),
        ("integer", "整数"),
        ("an integer", "整数"),
        ("floating point", "数値"),
        ("a number", "数値"),
        ("unit value", "値なし"),
        ("null", "値なし"),
    ];
    known
        .iter()
        .find(|(en, _)| words == *en || words.starts_with(&format!("{en} ")))
        .map_or_else(|| format!("「{words}」"), |(_, ja)| (*ja).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_messages_for_common_mistakes_are_told_in_japanese() {
        for text in [
            "a: 1\n\tb: 2\n",
            "a: [1, 2\n",
            "a: \"x\n",
            "a: b: c\n",
            "a:\n  - 1\n b: 2\n",
        ] {
            let error = crate::yaml::parse_stream(text, Default::default())
                .expect_err("the text is not YAML");
            let told = message_ja(&error.message);
            assert!(
                !told.starts_with("構文の誤り（パーサーの表示"),
                "{text:?}: {} was not translated",
                error.message
            );
        }
    }

    #[test]
    fn the_deserializers_messages_are_told_in_japanese() {
        assert_eq!(
            typed_message_ja("unknown variant `eror`, expected one of info, warning, error"),
            "`eror` は使えません。使える値: info, warning, error"
        );
        assert_eq!(
            typed_message_ja("missing field `severity`"),
            "必須のフィールド `severity` がありません"
        );
        assert!(
            typed_message_ja("unknown field `bogus`, expected one of id, title")
                .ends_with("使えるフィールド: id, title")
        );
        assert_eq!(
            typed_message_ja("invalid type: string \"x\", expected a boolean"),
            "型が違います: 真偽値が必要ですが、文字列が書かれています"
        );
    }

    #[test]
    fn an_unknown_wording_keeps_the_parsers_text_marked_as_such() {
        assert_eq!(
            message_ja("something new"),
            "構文の誤り（パーサーの表示: something new）"
        );
    }
}
