/** The account record, the anchor of every opening, with its forward-only transitions, audit trail and read API. */
@NullMarked
package io.github.accountopening.account;

import org.jspecify.annotations.NullMarked;
