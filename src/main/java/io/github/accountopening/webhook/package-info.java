/** Provider webhooks: signature check, duplicate shield and ingestion into the account record. */
@NullMarked
package io.github.accountopening.webhook;

import org.jspecify.annotations.NullMarked;
