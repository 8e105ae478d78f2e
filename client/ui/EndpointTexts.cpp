#include "ui/EndpointTexts.h"

#include <QCoreApplication>

namespace depot::EndpointTexts {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("depot::EndpointTexts", text);
}

} // namespace

QString kindLabel(Endpoint::Kind kind)
{
    switch (kind) {
    case Endpoint::Kind::Json:
        return tr("JSON mock");
    case Endpoint::Kind::File:
        return tr("Static file");
    case Endpoint::Kind::Script:
        return tr("Python script");
    }
    return QString();
}

QString fieldLabel(const QString &field)
{
    static const struct
    {
        const char *field;
        const char *label;
    } labels[] = {
        {"identifier", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Path")},
        {"kind", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Kind")},
        {"method", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Method")},
        {"status_code", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Status code")},
        {"latency", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Latency")},
        {"headers", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Headers")},
        {"body", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Expected body")},
        {"response", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Response")},
        {"file", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Content")},
        {"expires_at", QT_TRANSLATE_NOOP("depot::EndpointTexts", "Expiry")},
    };
    const QString base = field.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0);
    for (const auto &entry : labels) {
        if (base == QLatin1String(entry.field))
            return tr(entry.label);
    }
    return field;
}

} // namespace depot::EndpointTexts
