import { PostEditor } from './PostEditor';
import { PostList } from './PostList';

export function PostsArea({ postId }: { postId?: string }) {
  return postId ? <PostEditor key={postId} id={postId} /> : <PostList />;
}
