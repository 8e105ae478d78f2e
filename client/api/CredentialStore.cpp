#include "api/CredentialStore.h"

#include <QTimer>

#ifdef DEPOT_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace depot {

namespace {
const QString Service = QStringLiteral("Depot");
} // namespace

CredentialStore::CredentialStore(QObject *parent) : QObject(parent) {}

bool CredentialStore::isCompiledIn()
{
#ifdef DEPOT_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString CredentialStore::key(const QUrl &server, const QString &username)
{
    return username + QLatin1Char('@') + server.toString(QUrl::StripTrailingSlash);
}

void CredentialStore::read(const QUrl &server, const QString &username,
                           std::function<void(bool, const QString &)> done)
{
#ifdef DEPOT_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(key(server, username));
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        const bool ok = read->error() == QKeychain::NoError && !read->textData().isEmpty();
        done(ok, ok ? read->textData() : QString());
    });
    job->start();
#else
    Q_UNUSED(server)
    Q_UNUSED(username)
    QTimer::singleShot(0, this, [done] { done(false, QString()); });
#endif
}

void CredentialStore::write(const QUrl &server, const QString &username, const QString &password,
                            std::function<void(bool)> done)
{
#ifdef DEPOT_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setInsecureFallback(false);
    job->setKey(key(server, username));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        if (done)
            done(finished->error() == QKeychain::NoError);
    });
    job->start();
#else
    Q_UNUSED(server)
    Q_UNUSED(username)
    Q_UNUSED(password)
    if (done)
        QTimer::singleShot(0, this, [done] { done(false); });
#endif
}

void CredentialStore::remove(const QUrl &server, const QString &username)
{
#ifdef DEPOT_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setInsecureFallback(false);
    job->setKey(key(server, username));
    job->start();
#else
    Q_UNUSED(server)
    Q_UNUSED(username)
#endif
}

} // namespace depot
