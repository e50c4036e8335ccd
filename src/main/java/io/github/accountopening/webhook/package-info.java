/** Provider webhooks: signature check, duplicate shield and ingestion into the account record. */
package io.github.accountopening.webhook;
