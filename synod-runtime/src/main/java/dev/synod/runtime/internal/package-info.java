/** What the runtime's packages share that belongs to none of them. */
package dev.synod.runtime.internal;
