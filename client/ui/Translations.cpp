#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace depot::Translations {

namespace {

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &clientTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

} // namespace

QStringList available()
{
    QStringList codes;
    const QStringList files = QDir(QStringLiteral(":/i18n"))
                                  .entryList({QStringLiteral("depot_client_*.qm")}, QDir::Files);
    for (const QString &file : files)
        codes << file.mid(13, file.size() - 13 - 3);
    codes.sort();
    return codes;
}

bool install(const QLocale &locale)
{
    for (auto *slot : {&qtTranslator(), &clientTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    auto client = std::make_unique<QTranslator>();
    if (!client->load(locale, QStringLiteral("depot_client"), QStringLiteral("_"),
                      QStringLiteral(":/i18n")))
        return false;
    QCoreApplication::installTranslator(client.get());
    clientTranslator() = std::move(client);
    return true;
}

} // namespace depot::Translations
