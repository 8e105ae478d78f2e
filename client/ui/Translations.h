#pragma once

#include <QLocale>
#include <QStringList>

namespace depot::Translations {

// Installs the client's catalogue (embedded under :/i18n) and Qt's own (qtbase_*, from
// qt6-translations-l10n: dialog buttons, file dialogs) for this locale, replacing the ones
// installed before. English loads the plural forms ("1 endpoint", "2 endpoints"). Returns
// false when the client has no catalogue for the language (English text is used).
bool install(const QLocale &locale);
// The languages with a catalogue, as codes ("en", "de", "fr").
QStringList available();

} // namespace depot::Translations
