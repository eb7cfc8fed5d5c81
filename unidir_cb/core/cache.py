"""The shared cache (CACHE_URL=redis://...), for rate limits only: sessions live in the database.

django-redis with IGNORE_EXCEPTIONS answers a Redis outage as a miss and logs it, so every caller
(allauth's rate limits, ours in ratelimit.py) fails open instead of raising a 500. One answer needs
correcting: `add()` then returns None, which reads as "the key is already there". allauth takes a lock
with `add()` around each rate-limit check and, never getting it, waits a second and refuses: logins,
sign-ups and confirmation emails would be blocked for as long as Redis is down. Here `add()` reports
success instead, so those checks let the request through like every other cache call."""

from django_redis.cache import RedisCache, omit_exception


class FailOpenRedisCache(RedisCache):
    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)
