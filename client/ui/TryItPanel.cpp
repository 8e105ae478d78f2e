#include "ui/TryItPanel.h"

#include "model/Endpoint.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace depot {

TryItPanel::TryItPanel(QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent), m_network(network), m_methodCombo(new QComboBox(this)),
      m_urlEdit(new QLineEdit(this)), m_queryEdit(new QLineEdit(this)),
      m_headersEdit(new QPlainTextEdit(this)), m_bodyEdit(new QPlainTextEdit(this)),
      m_sendButton(new QPushButton(tr("&Send"), this)), m_statusLabel(new QLabel(this)),
      m_timingLabel(new QLabel(this)), m_responseEdit(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("tryItPanel"));
    m_methodCombo->setObjectName(QStringLiteral("tryMethodCombo"));
    m_methodCombo->addItems(Endpoint::methods());
    m_methodCombo->addItem(QStringLiteral("OPTIONS"));
    m_urlEdit->setObjectName(QStringLiteral("tryUrlEdit"));
    m_queryEdit->setObjectName(QStringLiteral("tryQueryEdit"));
    m_queryEdit->setPlaceholderText(tr("id=42&q=abc"));
    m_headersEdit->setObjectName(QStringLiteral("tryHeadersEdit"));
    m_headersEdit->setPlaceholderText(tr("One per line: X-Env: test"));
    m_headersEdit->setMaximumHeight(70);
    m_headersEdit->setTabChangesFocus(true);
    m_bodyEdit->setObjectName(QStringLiteral("tryBodyEdit"));
    m_bodyEdit->setMaximumHeight(90);
    m_bodyEdit->setTabChangesFocus(true);
    m_sendButton->setObjectName(QStringLiteral("trySendButton"));
    m_statusLabel->setObjectName(QStringLiteral("tryStatusLabel"));
    m_timingLabel->setObjectName(QStringLiteral("tryTimingLabel"));
    m_responseEdit->setObjectName(QStringLiteral("tryResponseEdit"));
    m_responseEdit->setReadOnly(true);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_methodCombo);
    urlRow->addWidget(m_urlEdit, 1);
    urlRow->addWidget(m_sendButton);
    auto *form = new QFormLayout;
    form->addRow(tr("Query:"), m_queryEdit);
    form->addRow(tr("Headers:"), m_headersEdit);
    form->addRow(tr("Body:"), m_bodyEdit);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_statusLabel, 1);
    resultRow->addWidget(m_timingLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(urlRow);
    layout->addLayout(form);
    layout->addLayout(resultRow);
    layout->addWidget(m_responseEdit, 1);

    connect(m_sendButton, &QPushButton::clicked, this, &TryItPanel::send);
}

void TryItPanel::setUrl(const QUrl &url, const QString &method)
{
    m_urlEdit->setText(url.toString());
    const QString first = method == u"ANY" ? QStringLiteral("GET") : method.section(u',', 0, 0);
    m_methodCombo->setCurrentText(first);
}

void TryItPanel::send()
{
    if (m_reply)
        m_reply->abort();
    QUrl url(m_urlEdit->text().trimmed());
    if (!url.isValid() || url.scheme().isEmpty()) {
        m_statusLabel->setText(tr("Not a URL"));
        return;
    }
    const QString query = m_queryEdit->text().trimmed();
    if (!query.isEmpty())
        url.setQuery(query.startsWith(u'?') ? query.mid(1) : query);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const QString &line : m_headersEdit->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0)
            request.setRawHeader(line.left(colon).trimmed().toLatin1(),
                                 line.mid(colon + 1).trimmed().toUtf8());
    }
    const QByteArray body = m_bodyEdit->toPlainText().toUtf8();
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          body.trimmed().startsWith('{') || body.trimmed().startsWith('[')
                              ? QByteArrayLiteral("application/json")
                              : QByteArrayLiteral("text/plain; charset=utf-8"));
    m_statusLabel->setText(tr("Sending…"));
    m_timingLabel->clear();
    m_responseEdit->clear();
    m_clock.start();
    m_reply = m_network->sendCustomRequest(request, m_methodCombo->currentText().toLatin1(), body);
    connect(m_reply, &QNetworkReply::finished, this, &TryItPanel::finished);
}

void TryItPanel::finished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    m_lastMs = m_clock.elapsed();
    m_timingLabel->setText(tr("%1 ms").arg(m_lastMs));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        // Faults look like this from a client: no answer at all.
        m_statusLabel->setText(tr("No answer: %1").arg(reply->errorString()));
        emit answered(0);
        return;
    }
    m_statusLabel->setText(tr("%1 %2").arg(status).arg(
        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
    QStringList lines;
    for (const auto &[name, value] : reply->rawHeaderPairs())
        lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(name), QString::fromUtf8(value));
    lines << QString() << QString::fromUtf8(reply->readAll());
    m_responseEdit->setPlainText(lines.join(u'\n'));
    emit answered(status);
}

} // namespace depot
